/**
 * HCL rendering of the expression language (src/core/expr.ts): the one place that writes HCL
 * text, laid out as a person would write it (objects one field a line, chains of conditionals,
 * `x == null || check` where it reads better and means the same).
 */
import type { BinOp, Expr, RenderOptions } from './expr-ast';
import { FNS, type FnName } from './expr-functions';
import { forScope, typeOf } from './expr-typeof';
import { IDENTIFIER } from './expr-values';
import { escapeTemplateSequences, escapeTemplateText, hclKey, hclLiteral, hclObject } from './hcl-values';
import { TfType, camelCase } from './types';

const PRECEDENCE: Record<BinOp, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4 };

export function toHcl(expr: Expr, o: RenderOptions): string {
  const r = (x: Expr) => toHcl(x, o);
  const e = readable(expr);
  switch (e.op) {
    case 'input':
      return o.resolve(e.name);
    case 'local':
      return e.name;
    case 'declared':
      // A value that is one input is read as that input everywhere (ctx.declare declares no local for it).
      if (o.local && e.def.op !== 'input') return o.local(e.name);
      // Inlined, a composite definition keeps its own precedence: `!local.x` must not become `!a && b`.
      return ['input', 'lit', 'get', 'call'].includes(e.def.op) ? r(e.def) : `(${r(e.def)})`;
    case 'lit':
      return hclLiteral(e.value, true);
    case 'get':
      return `${r(e.of)}.${e.key}`;
    case 'call':
      // concat of one list is that list: written without the call, parenthesised where it is a conditional.
      if (e.fn === 'concat' && e.args.length === 1) {
        const only = readable(e.args[0]);
        return only.op === 'if' || only.op === 'bin' ? `(${r(only)})` : r(only);
      }
      return FNS[e.fn].hcl(e.args.map(r));
    case 'show':
      return o.spelling === 'ts' && o.types
        ? tsShowHcl(r(e.of), typeOf(e.of, o.types, o.scopeTypes ?? {}))
        : `jsonencode(${r(e.of)})`;
    case 'bin': {
      const side = (child: Expr) => {
        const x = readable(child);
        // Parenthesise looser operators, and equal ones unless they chain safely (a && b && c).
        const needsParens =
          x.op === 'if' ||
          (x.op === 'bin' && x.kind === '&&' && e.kind === '||') || // for the reader: a || (b && c)
          (x.op === 'bin' &&
            (PRECEDENCE[x.kind] < PRECEDENCE[e.kind] ||
              (PRECEDENCE[x.kind] === PRECEDENCE[e.kind] &&
                !(x.kind === e.kind && (x.kind === '&&' || x.kind === '||')))));
        return needsParens ? `(${r(x)})` : r(x);
      };
      return `${side(e.a)} ${e.kind} ${side(e.b)}`;
    }
    case 'not': {
      const a = readable(e.a);
      return a.op === 'bin' || a.op === 'if' ? `!(${r(a)})` : `!${r(a)}`;
    }
    case 'if': {
      // A multi-line alternative reads well where it stands (`x == null ? {} : {`); a multi-line
      // condition or consequence anywhere in an `a ? x : b ? y : z` chain lays the chain out.
      const multiLine = (x: Expr): boolean =>
        x.op === 'if' && (`${r(x.cond)}${r(x.then)}`.includes('\n') || multiLine(x.else));
      return multiLine(e) ? conditionalChain(e, r) : `${r(e.cond)} ? ${r(e.then)} : ${r(e.else)}`;
    }
    case 'for': {
      const inner: RenderOptions = { ...o, scopeTypes: forScope(e, o.types ?? {}, o.scopeTypes ?? {}) };
      const ri = (x: Expr) => toHcl(x, inner);
      // A key the body and filter never read is left out: `for v in coll` iterates the same values.
      const names = reads(e.body, e.key) || (e.filter && reads(e.filter, e.key)) ? `${e.key}, ${e.value}` : e.value;
      // A conditional collection is parenthesised: its `:` would otherwise read as the for's own.
      const coll = readable(e.coll).op === 'if' ? `(${r(e.coll)})` : r(e.coll);
      return `[for ${names} in ${coll} : ${ri(e.body)}${e.filter ? ` if ${ri(e.filter)}` : ''}]`;
    }
    case 'ref':
    case 'index':
    case 'splat':
    case 'object':
    case 'list':
    case 'forMap':
      return constructorHcl(e, r);
    case 'template':
    case 'name':
    case 'perPath':
      return `"${templateParts(e, o)
        .map((p) => (typeof p === 'string' ? escapeTemplateText(p) : `\${${r(p)}}`))
        .join('')}"`;
  }
}

/** What builds write besides rules: references, and object, list and `for` constructors. */
function constructorHcl(
  e: Extract<Expr, { op: 'ref' | 'index' | 'splat' | 'object' | 'list' | 'forMap' }>,
  r: (x: Expr) => string,
): string {
  switch (e.op) {
    case 'ref':
      return e.path;
    case 'index':
      return `${r(e.of)}[${r(e.key)}]`;
    case 'splat':
      return `${r(e.of)}[*].${e.key}`;
    case 'object':
      return objectHcl(
        e.fields.map(([k, x]) => [
          k,
          ARITHMETIC.includes(x.op === 'call' ? x.fn : 'length') ? r(x).slice(1, -1) : r(x),
        ]),
      );
    case 'list':
      return listHcl(e.items.map(r));
    case 'forMap': {
      const coll = readable(e.coll).op === 'if' ? `(${r(e.coll)})` : r(e.coll);
      const head = `for ${e.key}, ${e.value} in ${coll} : ${r(e.to)} => `;
      const body = r(e.body) + (e.filter ? ` if ${r(e.filter)}` : '');
      // On one line unless the body is multi-line: main.tf's layout breaks a long line where it reads best.
      return body.includes('\n') ? `{\n  ${head}${indented(body)}\n}` : `{ ${head}${body} }`;
    }
  }
}

/** Whether `e` reads the `for` variable `name`. */
const reads = (e: Expr, name: string): boolean => JSON.stringify(e).includes(JSON.stringify({ op: 'local', name }));

const same = (a: Expr, b: Expr): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Functions rendered in parentheses (so they bind as written), which a field's value needs no parentheses around. */
const ARITHMETIC: readonly FnName[] = ['plus', 'times', 'mod'];

/** Continuation lines one step in, for a multi-line piece placed inside brackets. */
const indented = (piece: string): string => piece.split('\n').join('\n  ');

/** An object constructor: on one line when short, else one field a line, aligned as `terraform fmt` aligns them. */
function objectHcl(fields: readonly (readonly [string, string])[]): string {
  if (fields.length === 0) return '{}';
  const line = `{ ${fields.map(([k, v]) => `${hclKey(k)} = ${v}`).join(', ')} }`;
  if (fields.length <= 2 && !line.includes('\n') && line.length <= 80) return line;
  return hclObject(Object.fromEntries(fields));
}

/**
 * A conditional with a multi-line arm, laid out as a person writes a chain: in parentheses, one
 * condition a line (`a ? x :`), the last with its alternative.
 */
function conditionalChain(e: Extract<Expr, { op: 'if' }>, r: (x: Expr) => string): string {
  const arms: string[] = [];
  let rest: Expr = e;
  while (rest.op === 'if') {
    arms.push(`${r(rest.cond)} ? ${r(rest.then)} :`);
    rest = rest.else;
  }
  arms[arms.length - 1] += ` ${r(rest)}`;
  return `(\n${arms.map((a) => `  ${indented(a)}`).join('\n')}\n)`;
}

/** A list constructor: on one line when short, else one item a line. */
function listHcl(items: readonly string[]): string {
  const line = `[${items.join(', ')}]`;
  // One object, as policies are written: `[{` … `}]`.
  if (!line.includes('\n') && line.length <= 100) return line;
  if (items.length === 1 && items[0].startsWith('{')) return line;
  return `[\n${items.map((i) => `  ${indented(i)},`).join('\n')}\n]`;
}

/** Functions written inside `can(…)`: whatever they read, a null makes them false, not an error. */
const CAN: readonly FnName[] = ['matches', 'isCidr', 'isJson'];

/**
 * Whether `e` evaluates without error when `x` is null: it compares `x` (`==`, `!=`) or reads it
 * inside `can(…)`, and nothing else. Other uses (an attribute of it, a function argument, an
 * interpolation, a `for` over it) fail on null, so they are unsafe.
 */
function nullSafe(e: Expr, x: Expr): boolean {
  if (same(e, x)) return false;
  const safe = (y: Expr) => nullSafe(y, x);
  switch (e.op) {
    case 'bin':
      return e.kind === '==' || e.kind === '!='
        ? [e.a, e.b].every((y) => same(y, x) || safe(y))
        : safe(e.a) && safe(e.b);
    case 'call':
      return CAN.includes(e.fn) || e.args.every(safe);
    case 'get':
    case 'show':
      return safe(e.of);
    case 'not':
      return safe(e.a);
    case 'if':
      return safe(e.cond) && safe(e.then) && safe(e.else);
    case 'for':
      return safe(e.coll) && safe(e.body) && (!e.filter || safe(e.filter));
    case 'declared':
      return safe(e.def);
    case 'template':
      return e.parts.every((p) => typeof p === 'string' || safe(p));
    case 'name':
      return e.path.every((p) => typeof p === 'string' || safe(p));
    case 'index':
    case 'splat':
      return safe(e.of);
    case 'object':
      return e.fields.every(([, y]) => safe(y));
    case 'list':
      return e.items.every(safe);
    case 'forMap':
      return safe(e.coll) && safe(e.to) && safe(e.body) && (!e.filter || safe(e.filter));
    default:
      return true;
  }
}

/**
 * The node as HCL writes it most plainly, with the same value: `x == null ? true : check` becomes
 * `x == null || check` when `check` cannot fail on a null `x` (`||` evaluates both sides), and
 * `concat(x == null ? [] : x)` becomes `coalesce(x, [])`.
 */
function readable(e: Expr): Expr {
  const isNullOf = (c: Expr): Expr | undefined =>
    c.op === 'bin' && c.kind === '==' && c.b.op === 'lit' && c.b.value === null ? c.a : undefined;
  // `concat(x == null ? [] : x)`, a list that may be null as a list to iterate: `coalesce(x, [])`.
  if (e.op === 'call' && e.fn === 'concat' && e.args.length === 1) {
    const a = e.args[0];
    const x = a.op === 'if' ? isNullOf(a.cond) : undefined;
    if (
      a.op === 'if' &&
      x &&
      a.then.op === 'lit' &&
      Array.isArray(a.then.value) &&
      a.then.value.length === 0 &&
      same(a.else, x)
    ) {
      return { op: 'call', fn: 'coalesce', args: [x, a.then] };
    }
    return e;
  }
  if (e.op !== 'if' || e.then.op !== 'lit' || e.then.value !== true) return e;
  const x = isNullOf(e.cond);
  return x && nullSafe(e.else, x) ? { op: 'bin', kind: '||', a: e.cond, b: e.else } : e;
}

/**
 * The body of a template for Terraform's JSON syntax, where a string is itself a template:
 * literal `${` is escaped as `$${`, and a non-template expression becomes one interpolation.
 */
export function toJsonTemplate(e: Expr, o: RenderOptions): string {
  return templateParts(e, o)
    .map((p) => (typeof p === 'string' ? escapeTemplateSequences(p) : `\${${toHcl(p, o)}}`))
    .join('');
}

/**
 * The HCL expression that prints a value as `tsValue` does, for TypeScript messages Terraform
 * renders at plan time (values given as tokens): built from the declared type, since Terraform
 * has no printer of its own but `jsonencode`. A value of unknown type is printed by `jsonencode`.
 * `depth` keeps the names of nested `for` variables apart.
 */
function tsShowHcl(x: string, type: TfType | undefined, depth = 0): string {
  const [k, v] = [`show_k${depth}`, `show_v${depth}`];
  // `{  }` is what an object or map with nothing to show prints before it becomes `{}`.
  const braces = (inner: string) => `replace("{ \${${inner}} }", "/^\\\\{  \\\\}$/", "{}")`;
  let body: string;
  switch (type?.kind) {
    case 'list':
    case 'set':
      body = `"[\${join(", ", [for ${v} in ${x} : ${tsShowHcl(v, type.of, depth + 1)}])}]"`;
      break;
    case 'map':
      body = braces(
        `join(", ", [for ${k}, ${v} in ${x} : "\${can(regex("${IDENTIFIER}", ${k})) ? ${k} : jsonencode(${k})}: \${${tsShowHcl(v, type.of, depth + 1)}}"])`,
      );
      break;
    case 'object': {
      const fields = Object.keys(type.fields)
        .sort()
        .map(
          (f) =>
            `${x}.${f} == null ? "" : "${camelCase(f)}: \${${tsShowHcl(`${x}.${f}`, type.fields[f].type, depth + 1)}}"`,
        );
      body = braces(`join(", ", compact([${fields.join(', ')}]))`);
      break;
    }
    default:
      body = `jsonencode(${x})`;
  }
  return `(${x} == null ? "undefined" : ${body})`;
}

/** A template or name as literal text and interpolated expressions, with names flattened into text. */
export function templateParts(e: Expr, o: RenderOptions): (string | Expr)[] {
  if (e.op === 'name') {
    return e.path.flatMap((seg, i): (string | Expr)[] =>
      typeof seg !== 'string' ? ['["', seg, '"]'] : [i === 0 ? '' : '.', o.spelling === 'ts' ? camelCase(seg) : seg],
    );
  }
  if (e.op === 'perPath') return [o.spelling === 'ts' ? e.ts : e.hcl];
  if (e.op !== 'template') return [e];
  return e.parts.flatMap((p): (string | Expr)[] => {
    if (typeof p === 'string') return [p];
    // A template inside a template is its text and interpolations, not an interpolated string.
    if (p.op === 'name' || p.op === 'perPath' || p.op === 'template') return templateParts(p, o);
    // A literal reads as text, not as an interpolation of a constant.
    if (p.op === 'lit' && ['string', 'number', 'boolean'].includes(typeof p.value)) return [String(p.value)];
    return [p];
  });
}
