/**
 * Construct mode writes each prop's value where the build reads the input (input-values.ts), so a
 * synthesized attribute can read `${"elastic"}`, `${true ? 1 : 0}` or `NFS to EFS ${"basic"}`.
 * This pass, run on a construct's resolved Terraform JSON, writes what is constant as constant:
 * an attribute whose whole value is a constant becomes the JSON value (`"elastic"`, `1`), and a
 * constant interpolated into text becomes text. What reads anything else stays as it was written.
 *
 * It only removes what cannot change the plan: a branch of a conditional, or an operand of `&&` or
 * `||`, is dropped only when it references nothing, since Terraform orders resources by every
 * reference of an expression, taken or not. Anything it cannot read (a heredoc, a template
 * directive) is left alone.
 */
import { escapeTemplateSequences, escapeTemplateText, hclLiteral } from './hcl-values';
import { stableJson } from './expr';

/** Not a constant. */
const OPEN: unique symbol = Symbol('not constant');
type Value = unknown;
/** A constant value, or OPEN when the expression has none (both `unknown` to the compiler). */
type ValueOrOpen = unknown;

/**
 * Locals known to hold a constant (written as plain JSON, referencing nothing): a branch that
 * reads only them references nothing the dependency graph cares about, so it may be dropped.
 * Set for the duration of one foldLiterals call.
 */
let constantLocals: ReadonlySet<string> = new Set();

/**
 * Every string of a resolved configuration fragment, folded (see above); keys are kept as they are.
 * `locals`: the names of the locals of the same stack known to be constant (see `isConstant`).
 */
export function foldLiterals(json: unknown, locals: ReadonlySet<string> = new Set()): unknown {
  const outer = constantLocals;
  constantLocals = locals;
  try {
    return foldValue(json);
  } finally {
    constantLocals = outer;
  }
}

function foldValue(json: unknown): unknown {
  if (typeof json === 'string') return foldTemplate(json);
  if (Array.isArray(json)) return json.map(foldValue);
  if (json !== null && typeof json === 'object') {
    return Object.fromEntries(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, foldValue(v)]));
  }
  return json;
}

/** Whether a folded JSON value is a constant: no string in it interpolates anything. */
export function isConstant(json: unknown): boolean {
  if (typeof json === 'string') return !/(^|[^$])\$\{|(^|[^%])%\{/.test(json);
  if (Array.isArray(json)) return json.every(isConstant);
  if (json !== null && typeof json === 'object') return Object.values(json).every(isConstant);
  return true;
}

/** A Terraform JSON-syntax string (a template): its constant value as JSON, or the template with constants folded. */
export function foldTemplate(s: string): unknown {
  if (!s.includes('${')) return s;
  let parts: Part[];
  try {
    parts = new Parser(s).templateParts(undefined);
  } catch {
    return s;
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const only = fold(parts[0]);
    if (only.value !== OPEN) return asJson(only.value);
    // `${"files-${x}"}`: a template inside the interpolation is the attribute's template itself.
    if (isQuotedTemplate(only.text)) return quotedAsJsonTemplate(only.text);
  }
  return templateText(parts, escapeTemplateSequences);
}

/** A constant as Terraform's JSON syntax writes it: every string is a template, so `${` is escaped. */
function asJson(v: Value): unknown {
  if (typeof v === 'string') return escapeTemplateSequences(v);
  if (Array.isArray(v)) return v.map(asJson);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asJson(x)]));
  return v;
}

// ---------------------------------------------------------------------------------------
// A reader of HCL expressions (the native syntax, as interpolations hold it): enough to find
// constants, keeping each node's place in the text so unfolded parts are written as they were.

type Part = string | Node;

interface Node {
  readonly kind:
    | 'lit'
    | 'template'
    | 'tuple'
    | 'object'
    | 'var'
    | 'call'
    | 'paren'
    | 'unary'
    | 'binary'
    | 'cond'
    | 'postfix'
    | 'for';
  readonly src: string;
  readonly start: number;
  readonly end: number;
  /** Sub-expressions, in text order. */
  readonly kids: readonly Node[];
  readonly value?: Value;
  readonly op?: string;
  readonly name?: string;
  /** template: raw literal text and interpolations, in order. */
  readonly parts?: readonly Part[];
  /** object: each element's key when it is a bare name or a plain string (else the element's key node is in kids). */
  readonly keys?: readonly (string | undefined)[];
}

const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  /** Template text up to `end` (a quote, or the end of the text when undefined): raw text and interpolations. */
  templateParts(end: '"' | undefined): Part[] {
    const parts: Part[] = [];
    let text = '';
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (end && c === end) break;
      if (s.startsWith('$${', this.pos) || s.startsWith('%%{', this.pos)) {
        text += s.slice(this.pos, this.pos + 3);
        this.pos += 3;
      } else if (s.startsWith('%{', this.pos) || s.startsWith('${~', this.pos)) {
        throw new Error('template directive or strip marker');
      } else if (s.startsWith('${', this.pos)) {
        if (text) parts.push(text);
        text = '';
        this.pos += 2;
        const e = this.expression();
        this.skip();
        if (s.startsWith('~}', this.pos)) throw new Error('strip marker');
        this.expect('}');
        parts.push(e);
      } else if (end && c === '\\') {
        text += s.slice(this.pos, this.pos + 2);
        this.pos += 2;
      } else {
        text += c;
        this.pos += 1;
      }
    }
    if (end && s[this.pos] !== end) throw new Error('unterminated string');
    if (text) parts.push(text);
    return parts;
  }

  atEnd(): boolean {
    this.skip();
    return this.pos === this.src.length;
  }

  private skip(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos += 1;
  }

  private at(t: string): boolean {
    this.skip();
    return this.src.startsWith(t, this.pos);
  }

  private expect(t: string): void {
    if (!this.at(t)) throw new Error(`expected ${t} at ${this.pos}`);
    this.pos += t.length;
  }

  /** A node from `start` to what was read last (looking ahead for an operator may have skipped spaces after it). */
  private node(kind: Node['kind'], start: number, kids: Node[], extra: Partial<Node> = {}): Node {
    let end = this.pos;
    while (end > start && /\s/.test(this.src[end - 1])) end -= 1;
    return { kind, src: this.src, start, end, kids, ...extra };
  }

  expression(): Node {
    this.skip();
    const start = this.pos;
    const condition = this.binary(1);
    if (this.at('?')) {
      this.pos += 1;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return this.node('cond', start, [condition, then, otherwise]);
    }
    return condition;
  }

  private operator(): string | undefined {
    this.skip();
    const two = this.src.slice(this.pos, this.pos + 2);
    if (['||', '&&', '==', '!=', '<=', '>='].includes(two)) return two;
    const one = this.src[this.pos];
    if (one === '=' && this.src[this.pos + 1] === '>') return undefined;
    return ['<', '>', '+', '-', '*', '/', '%'].includes(one) ? one : undefined;
  }

  private binary(level: number): Node {
    this.skip();
    const start = this.pos;
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      if (!op || PRECEDENCE[op] < level) return left;
      this.pos += op.length;
      const right = this.binary(PRECEDENCE[op] + 1);
      left = this.node('binary', start, [left, right], { op });
    }
  }

  private unary(): Node {
    this.skip();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === '!' || (c === '-' && !/[0-9]/.test(this.src[this.pos + 1] ?? ''))) {
      this.pos += 1;
      return this.node('unary', start, [this.unary()], { op: c });
    }
    return this.postfix(this.term());
  }

  private postfix(base: Node): Node {
    let node = base;
    for (;;) {
      if (this.src.startsWith('[*]', this.pos) || this.src.startsWith('.*', this.pos)) {
        this.pos += this.src[this.pos] === '[' ? 3 : 2;
      } else if (this.src[this.pos] === '.' && /[A-Za-z_0-9]/.test(this.src[this.pos + 1] ?? '')) {
        this.pos += 1;
        const name = this.identifierOrNumber();
        node = this.node('postfix', base.start, [node], { name });
        continue;
      } else if (this.src[this.pos] === '[') {
        this.pos += 1;
        const index = this.expression();
        this.expect(']');
        node = this.node('postfix', base.start, [node, index]);
        continue;
      } else {
        return node;
      }
      node = this.node('postfix', base.start, [node]);
    }
  }

  private identifierOrNumber(): string {
    const m = /^[A-Za-z_0-9][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos));
    if (!m) throw new Error(`expected a name at ${this.pos}`);
    this.pos += m[0].length;
    return m[0];
  }

  private term(): Node {
    this.skip();
    const start = this.pos;
    const s = this.src;
    const c = s[this.pos];
    if (c === '"') {
      this.pos += 1;
      const parts = this.templateParts('"');
      this.pos += 1;
      return this.node(
        'template',
        start,
        parts.filter((p): p is Node => typeof p !== 'string'),
        { parts },
      );
    }
    if (c === '(') {
      this.pos += 1;
      const inner = this.expression();
      this.expect(')');
      return this.node('paren', start, [inner]);
    }
    if (c === '[') return this.tuple(start);
    if (c === '{') return this.object(start);
    if (s.startsWith('<<', this.pos)) throw new Error('heredoc');
    const number = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(this.pos));
    if (number) {
      this.pos += number[0].length;
      return this.node('lit', start, [], { value: Number(number[0]) });
    }
    const name = this.identifierOrNumber();
    if (name === 'true' || name === 'false') return this.node('lit', start, [], { value: name === 'true' });
    if (name === 'null') return this.node('lit', start, [], { value: null });
    if (this.at('(')) {
      this.pos += 1;
      const args: Node[] = [];
      while (!this.at(')')) {
        args.push(this.expression());
        if (this.at('...')) this.pos += 3;
        if (this.at(',')) this.pos += 1;
      }
      this.pos += 1;
      return this.node('call', start, args, { name });
    }
    return this.node('var', start, [], { name });
  }

  private keyword(word: string): boolean {
    this.skip();
    return new RegExp(`^${word}\\b`).test(this.src.slice(this.pos));
  }

  /** `[for …]` or `{for …}`, read whole: it references its own names, so nothing in it is dropped. */
  private forExpression(start: number, close: string): Node {
    this.pos += 3;
    const kids: Node[] = [];
    this.skip();
    this.identifierOrNumber();
    if (this.at(',')) {
      this.pos += 1;
      this.skip();
      this.identifierOrNumber();
    }
    if (!this.keyword('in')) throw new Error('expected in');
    this.pos += 2;
    kids.push(this.expression());
    this.expect(':');
    kids.push(this.expression());
    if (this.at('=>')) {
      this.pos += 2;
      kids.push(this.expression());
      if (this.at('...')) this.pos += 3;
    }
    if (this.keyword('if')) {
      this.pos += 2;
      kids.push(this.expression());
    }
    this.expect(close);
    return this.node('for', start, kids);
  }

  private tuple(start: number): Node {
    this.pos += 1;
    if (this.keyword('for')) return this.forExpression(start, ']');
    const items: Node[] = [];
    while (!this.at(']')) {
      items.push(this.expression());
      if (this.at(',')) this.pos += 1;
    }
    this.pos += 1;
    return this.node('tuple', start, items);
  }

  private object(start: number): Node {
    this.pos += 1;
    if (this.keyword('for')) return this.forExpression(start, '}');
    const kids: Node[] = [];
    const keys: (string | undefined)[] = [];
    while (!this.at('}')) {
      this.skip();
      const bare = /^[A-Za-z_][A-Za-z0-9_-]*(?=\s*[=:](?!=))/.exec(this.src.slice(this.pos));
      if (bare) {
        this.pos += bare[0].length;
        keys.push(bare[0]);
      } else {
        const key = this.expression();
        const text = key.kind === 'template' && key.kids.length === 0 ? constantOf(key) : OPEN;
        if (typeof text === 'string') {
          keys.push(text);
        } else {
          keys.push(undefined);
          kids.push(key);
        }
      }
      this.skip();
      if (this.src[this.pos] !== '=' && this.src[this.pos] !== ':') throw new Error('expected = or :');
      this.pos += 1;
      kids.push(this.expression());
      if (this.at(',')) this.pos += 1;
    }
    this.pos += 1;
    return this.node('object', start, kids, { keys });
  }
}

// ---------------------------------------------------------------------------------------
// Folding

interface Folded {
  /** The expression's text after folding. */
  readonly text: string;
  /** Its constant value, or OPEN. */
  readonly value: ValueOrOpen;
  /** Whether it references anything (a variable, a resource, a `for` name). */
  readonly refs: boolean;
}

const constant = (value: Value): Folded => ({ text: hclLiteral(value, true), value, refs: false });

function constantOf(n: Node): ValueOrOpen {
  return fold(n).value;
}

/** The node's text with each sub-expression replaced by its folded text. */
function rebuilt(n: Node, kids: readonly Folded[]): string {
  let text = '';
  let at = n.start;
  n.kids.forEach((k, i) => {
    text += n.src.slice(at, k.start) + kids[i].text;
    at = k.end;
  });
  return text + n.src.slice(at, n.end);
}

function fold(n: Node): Folded {
  const kids = n.kids.map(fold);
  const refs = n.kind === 'var' || n.kind === 'for' || kids.some((k) => k.refs);
  const open = (): Folded => ({ text: rebuilt(n, kids), value: OPEN, refs });
  const values = kids.map((k) => k.value);
  const allConstant = values.every((v) => v !== OPEN);
  switch (n.kind) {
    case 'lit':
      return { text: rebuilt(n, kids), value: n.value, refs: false };
    case 'template':
      return foldedTemplate(n, kids);
    case 'paren':
      return allConstant ? constant(values[0]) : open();
    case 'tuple':
      return allConstant ? { text: rebuilt(n, kids), value: values, refs: false } : open();
    case 'object': {
      if (!allConstant || n.keys!.some((k) => k === undefined)) return open();
      return { text: rebuilt(n, kids), value: Object.fromEntries(n.keys!.map((k, i) => [k, values[i]])), refs: false };
    }
    case 'unary':
      if (n.op === '!' && typeof values[0] === 'boolean') return constant(!values[0]);
      if (n.op === '-' && typeof values[0] === 'number') return constant(-values[0]);
      return open();
    case 'binary':
      return foldedBinary(n.op!, kids) ?? open();
    case 'cond': {
      const [c, then, otherwise] = kids;
      if (c.value === true && !otherwise.refs && !c.refs) return then;
      if (c.value === false && !then.refs && !c.refs) return otherwise;
      return open();
    }
    case 'call':
      return (allConstant && foldedCall(n.name!, values)) || open();
    case 'postfix': {
      // `local.<name>` of a constant local references nothing the graph orders by.
      if (
        n.kids[0].kind === 'var' &&
        n.kids[0].name === 'local' &&
        n.name !== undefined &&
        constantLocals.has(n.name)
      ) {
        return { text: rebuilt(n, kids), value: OPEN, refs: false };
      }
      // An attribute of a constant object: `{ id = "fs-1", … }.id` is "fs-1".
      const of = values[0];
      if (
        n.name !== undefined &&
        kids.length === 1 &&
        of !== null &&
        typeof of === 'object' &&
        !Array.isArray(of) &&
        n.name in of
      ) {
        return constant((of as Record<string, Value>)[n.name]);
      }
      return open();
    }
    default:
      return open();
  }
}

function foldedBinary(op: string, [a, b]: readonly Folded[]): Folded | undefined {
  if (op === '&&' || op === '||') {
    const decides = op === '||'; // true decides ||, false decides &&
    if (a.value === decides && !b.refs) return constant(decides);
    if (b.value === decides && !a.refs) return constant(decides);
    if (a.value === !decides) return b;
    if (b.value === !decides) return a;
    return undefined;
  }
  if (a.value === OPEN || b.value === OPEN) return undefined;
  if (op === '==') return constant(stableJson(a.value) === stableJson(b.value));
  if (op === '!=') return constant(stableJson(a.value) !== stableJson(b.value));
  if (typeof a.value !== 'number' || typeof b.value !== 'number') return undefined;
  const [x, y] = [a.value, b.value];
  const compared: Record<string, boolean | undefined> = { '<': x < y, '<=': x <= y, '>': x > y, '>=': x >= y };
  return op in compared ? constant(compared[op]) : undefined;
}

/** Functions of constants whose result is certain here as in Terraform. */
function foldedCall(name: string, args: readonly Value[]): Folded | undefined {
  if (name === 'coalesce' && args.every((a) => a === null || typeof a === 'string')) {
    const first = args.find((a) => a !== null && a !== '');
    return first === undefined ? undefined : constant(first);
  }
  if (name === 'length' && args.length === 1 && args[0] !== null && typeof args[0] === 'object') {
    return constant(Object.keys(args[0]).length);
  }
  if (
    name === 'substr' &&
    typeof args[0] === 'string' &&
    Number.isSafeInteger(args[1]) &&
    Number.isSafeInteger(args[2])
  ) {
    const [text, offset, length] = args as [string, number, number];
    if (offset >= 0 && length >= 0 && /^[\x20-\x7e]*$/.test(text)) return constant(text.substr(offset, length));
  }
  // Terraform's jsonencode escapes <, > and & (and writes numbers its own way): only plain values.
  if (name === 'jsonencode' && args.length === 1 && isPlain(args[0])) return constant(stableJson(args[0]));
  return undefined;
}

function isPlain(v: Value): boolean {
  if (typeof v === 'string') return !/[<>&\u2028\u2029]/.test(v);
  if (typeof v === 'number') return Number.isSafeInteger(v);
  if (Array.isArray(v)) return v.every(isPlain);
  if (v !== null && typeof v === 'object') return Object.entries(v).every(([k, x]) => isPlain(k) && isPlain(x));
  return true;
}

/** A quoted template: constants interpolated into it become its text. */
function foldedTemplate(n: Node, kids: readonly Folded[]): Folded {
  let i = 0;
  const parts = n.parts!.map((p): string | Folded => (typeof p === 'string' ? p : kids[i++]));
  const folded = parts.map((p): string | Folded =>
    typeof p !== 'string' && isText(p.value) ? escapeTemplateText(String(p.value)) : p,
  );
  const refs = kids.some((k) => k.refs);
  const text = `"${folded.map((p) => (typeof p === 'string' ? p : `\${${p.text}}`)).join('')}"`;
  if (folded.some((p) => typeof p !== 'string')) return { text, value: OPEN, refs };
  return { text, value: unescapeQuoted((folded as string[]).join('')), refs: false };
}

function isQuotedTemplate(text: string): boolean {
  if (!text.startsWith('"')) return false;
  try {
    const parser = new Parser(text);
    return parser.expression().kind === 'template' && parser.atEnd();
  } catch {
    return false;
  }
}

/** A quoted template (`"a-${x}"`) as the body of a JSON-syntax string (`a-${x}`): the same template, unquoted. */
function quotedAsJsonTemplate(quoted: string): string {
  return quoted
    .slice(1, -1)
    .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? `\\${e}`),
    );
}

/** Text parts and interpolations written back as a JSON-syntax template, constants as text. */
function templateText(parts: readonly Part[], escape: (s: string) => string): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const f = fold(p);
      return isText(f.value) ? escape(String(f.value)) : `\${${f.text}}`;
    })
    .join('');
}

/**
 * What Terraform interpolates as text as it is: strings, bools and integers (null fails, other
 * numbers are formatted its own way).
 */
const isText = (v: ValueOrOpen): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isSafeInteger(v));

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The text a quoted HCL string stands for. */
function unescapeQuoted(raw: string): string {
  return raw
    .replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? `\\${e}`),
    )
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}
