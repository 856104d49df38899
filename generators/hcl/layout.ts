/**
 * Breaks long HCL expressions over several lines, as a person would write them and as
 * `terraform fmt` keeps them: at the lowest-precedence operator (a conditional, then `||`, then
 * `&&`) inside parentheses, else inside the longest bracket (function arguments, list items and
 * a `for` expression's `if`), one piece a line. Only where the line would pass MAX_LINE: short
 * expressions stay as they are. Strings are never cut: an `error_message` is one plain string, as a
 * description is (see layoutValue).
 */

import { attr, renderBody } from '../../src/core/hcl-writer';

/** Lines are broken where they would pass this column. */
export const MAX_LINE = 120;
const INDENT = '  ';

/** Index just past the string literal that opens at `start` (a `"`), interpolations included. */
function endOfString(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if ((s.startsWith('${', i) || s.startsWith('%{', i)) && s[i - 1] !== '$' && s[i - 1] !== '%')
      i = endOfBracket(s, i + 1) - 1;
    else if (s[i] === '"') return i + 1;
  }
  throw new Error(`layout: unterminated string in ${s}`);
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index just past the bracket that closes the one opening at `start`. */
function endOfBracket(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') i = endOfString(s, i) - 1;
    else if (c in OPEN) depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`layout: unbalanced brackets in ${s}`);
}

/** Positions of `s` outside strings and brackets, with the bracket groups met on the way. */
function topLevel(s: string): { positions: number[]; groups: [number, number][] } {
  const positions: number[] = [];
  const groups: [number, number][] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = endOfString(s, i) - 1;
    } else if (c in OPEN) {
      const end = endOfBracket(s, i);
      groups.push([i, end]);
      i = end - 1;
    } else positions.push(i);
  }
  return { positions, groups };
}

/** `s` cut at each top-level occurrence of `sep` (separator dropped, pieces trimmed). */
function splitTop(s: string, sep: string): string[] {
  const { positions } = topLevel(s);
  const at = positions.filter((p) => s.startsWith(sep, p));
  const pieces: string[] = [];
  let from = 0;
  for (const p of at) {
    if (p < from) continue;
    pieces.push(s.slice(from, p).trim());
    from = p + sep.length;
  }
  pieces.push(s.slice(from).trim());
  return pieces;
}

/** The pieces of a top-level conditional chain `a ? b : c ? d : e`: [[a, b], [c, d]] and e. */
function conditional(s: string): { arms: [string, string][]; otherwise: string } | undefined {
  const { positions } = topLevel(s);
  const q = positions.find((p) => s[p] === '?');
  if (q === undefined) return undefined;
  let nested = 0;
  const colon = positions.find((p) => {
    if (p <= q) return false;
    if (s[p] === '?') nested++;
    else if (s[p] === ':') {
      if (nested === 0) return true;
      nested--;
    }
    return false;
  });
  if (colon === undefined) return undefined;
  const head: [string, string] = [s.slice(0, q).trim(), s.slice(q + 1, colon).trim()];
  const rest = s.slice(colon + 1).trim();
  const more = conditional(rest);
  return more ? { arms: [head, ...more.arms], otherwise: more.otherwise } : { arms: [head], otherwise: rest };
}

/** Places a piece laid out at `base` + one indent: its lines, each indented once more. */
function nested(piece: string): string[] {
  return piece.split('\n').map((l) => (l === '' ? l : INDENT + l));
}

/** Whether `s` is one bracket group from end to end: `[…]`, `{…}` or `(…)`. */
const isGroup = (s: string): boolean => /^[[{(]/.test(s) && endOfBracket(s, 0) === s.length;

/** An expression that is one parenthesised group, without its parentheses. */
function unparenthesised(s: string): string | undefined {
  if (!s.startsWith('(') || endOfBracket(s, 0) !== s.length) return undefined;
  return s.slice(1, -1).trim();
}

/** Where a laid-out expression sits: its first column, its line's indent, and its lines' indent. */
interface Place {
  readonly column: number;
  readonly base: number;
  /** Continuation lines are indented one step from `base`. */
  readonly inner: number;
  /** Characters that will follow the expression on its last line (` ||`, `,`, ` :`). */
  readonly reserve: number;
}

/** A piece laid out on a continuation line, after `prefix`, with `after` characters behind it. */
const sub = (at: Place, piece: string, prefix = '', after = 0): string =>
  layoutExpression(piece, at.inner + prefix.length, at.inner, after);

/**
 * `s` laid out to start at column `column` of a line indented `base` columns; continuation lines
 * are indented relative to `base`.
 */
export function layoutExpression(s: string, column: number, base: number, reserve = 0): string {
  s = s.trim();
  if (s.includes('\n') || column + s.length + reserve <= MAX_LINE) return s;
  const at: Place = { column, base, inner: base + INDENT.length, reserve };
  const broken = breakChain(unparenthesised(s) ?? s, at);
  if (broken) return ['(', ...broken, ')'].join('\n');
  return breakLongestGroup(s, at);
}

/**
 * An operator chain is broken inside parentheses, where HCL allows new lines: the lines between
 * them, or undefined when `body` is no chain.
 */
function breakChain(body: string, at: Place): string[] | undefined {
  if (/^for\s/.test(body)) return undefined;
  const c = conditional(body);
  // A conditional of one test whose other arm is a plain value (`: null`) stays whole between
  // the parentheses when it fits on a line of its own: cut, that value would sit alone on a line.
  if (
    c &&
    c.arms.length === 1 &&
    /^(null|\[\]|\{\}|""|true|false|-?\d+)$/.test(c.otherwise) &&
    at.inner + body.length <= MAX_LINE
  ) {
    return nested(body);
  }
  if (c) {
    const lines = c.arms.flatMap(([cond, then]) => {
      const test = sub(at, cond, '', 2);
      // After a test over several lines, `?` closes it and the result takes its own line:
      // `terraform fmt` indents a line that both closes and opens a bracket as a continuation.
      if (test.includes('\n')) return [...nested(`${test} ?`), ...nested(`${sub(at, then, '', 2)} :`)];
      return nested(`${test} ? ${layoutExpression(then, at.inner + test.length + 3, at.inner, 2)} :`);
    });
    return [...lines, ...nested(sub(at, c.otherwise))];
  }
  for (const op of ['||', '&&', '==', '!=', '>=', '<=', '>', '<']) {
    const pieces = splitTop(body, ` ${op} `);
    // Comparisons do not chain: only `a > b` is cut, at its operator.
    if (pieces.length > 1 && (op.length === 2 && op[0] === op[1] ? true : pieces.length === 2)) {
      return pieces.flatMap((p, i) =>
        nested(i < pieces.length - 1 ? `${sub(at, p, '', op.length + 1)} ${op}` : sub(at, p)),
      );
    }
  }
  return undefined;
}

/** A bracket group cut out of an expression: what precedes it, its items, and what follows it. */
interface Group {
  /** The expression up to the opening bracket, included. */
  readonly head: string;
  readonly open: string;
  readonly content: string;
  /** The closing bracket and the rest of the expression. */
  readonly tail: string;
  readonly pieces: string[];
}

/** Otherwise break the longest bracket group: its items one a line. */
function breakLongestGroup(s: string, at: Place): string {
  const { groups } = topLevel(s);
  if (groups.length === 0) return s;
  const [start, end] = groups.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  const content = s.slice(start + 1, end - 1).trim();
  const group: Group = {
    head: s.slice(0, start + 1),
    open: s[start],
    content,
    tail: s.slice(end - 1),
    pieces: splitTop(content, ',').filter((p) => p !== ''),
  };
  return hugBracket(group, at) ?? [group.head, ...groupItems(group, at), group.tail].join('\n');
}

/**
 * Calls whose bracket argument hugs the parenthesis, `f([`…`])`: the line holds the call, the
 * bracket is laid out in place. Undefined when the call is not of that shape.
 */
function hugBracket({ head, open, content, tail, pieces }: Group, at: Place): string | undefined {
  if (/^for\s/.test(content) || open !== '(') return undefined;
  const { column, base, reserve } = at;
  if (pieces.length === 1) {
    // One argument, or a parenthesised expression: a bracket hugs the parenthesis, `f([`…`])`.
    const only = pieces[0];
    if (!isGroup(only)) return undefined;
    return `${head}${layoutExpression(only, column + head.length, base, tail.length + reserve)}${tail}`;
  }
  const last = pieces[pieces.length - 1];
  if (isGroup(last) && head.length + content.length - last.length < 40) {
    // Short leading arguments stay on the line and the last, a bracket, hugs it: `join("; ", [`…`])`.
    const lead = `${head}${pieces.slice(0, -1).join(', ')}, `;
    return `${lead}${layoutExpression(last, column + lead.length, base, tail.length + reserve)}${tail}`;
  }
  if (
    pieces.length > 1 &&
    isGroup(pieces[0]) &&
    base + 1 + content.length - pieces[0].length + tail.length + reserve <= MAX_LINE
  ) {
    // A bracket first and short arguments after it: `contains([`…`], var.x)`.
    const rest = `, ${pieces.slice(1).join(', ')}${tail}`;
    return `${head}${layoutExpression(pieces[0], column + head.length, base, rest.length + reserve)}${rest}`;
  }
  return undefined;
}

/** The lines between a group's brackets, laid out by what the group holds. */
function groupItems({ open, content, pieces }: Group, at: Place): string[] {
  if (/^for\s/.test(content)) return forItems(content, at);
  if (open === '(' && pieces.length === 1) {
    // A chain sits between the parentheses, one piece a line.
    const only = pieces[0];
    return breakChain(unparenthesised(only) ?? only, at) ?? nested(sub(at, only));
  }
  if (open === '[' && pieces.length > 1 && pieces.every((p) => p.length <= 30 && !/[[{(]/.test(p))) {
    return fillList(pieces, at);
  }
  if (open === '{') return objectAttributes(pieces, at);
  return pieces.flatMap((p) => nested(`${sub(at, p, '', 1)},`));
}

/** A `for` expression: its head and body, then its filter. */
function forItems(content: string, at: Place): string[] {
  const [forPart, ...filter] = splitTop(content, ' if ');
  // A long filter is cut at its operators without parentheses (fmt would write `if(`):
  // inside the brackets of a `for`, HCL allows the new lines.
  const condition = filter.join(' if ');
  const filterLines = !filter.length
    ? []
    : (breakChain(condition, at)?.map((l) => l.slice(INDENT.length)) ?? [sub(at, condition, 'if ')]);
  if (filterLines.length) filterLines[0] = `if ${filterLines[0]}`;
  return [...nested(forLine(forPart, at.inner)), ...filterLines.flatMap(nested)];
}

/** A list of short plain items is filled line by line, as people write such lists. */
function fillList(pieces: string[], at: Place): string[] {
  const lines: string[] = [];
  for (const p of pieces) {
    const last = lines[lines.length - 1];
    if (last !== undefined && at.inner + last.length + 1 + p.length + 1 <= MAX_LINE - 20)
      lines[lines.length - 1] = `${last} ${p},`;
    else lines.push(`${p},`);
  }
  return lines.flatMap(nested);
}

/** Object attributes, one a line, aligned on `=` as `terraform fmt` aligns them. */
function objectAttributes(pieces: string[], at: Place): string[] {
  const attrs = pieces.map((p) => {
    const eq = topLevel(p).positions.find((i) => p.startsWith(' = ', i));
    if (eq === undefined) throw new Error(`layout: no attribute in ${p}`);
    const key = p.slice(0, eq);
    return attr(key, layoutExpression(p.slice(eq + 3), at.inner + key.length + 3, at.inner));
  });
  return renderBody(attrs, INDENT);
}

/** `for k, v in coll : body`, the body laid out after the colon (an object `for` is left as it is). */
function forLine(forPart: string, base: number): string {
  const { positions } = topLevel(forPart);
  const colon = positions.find((p) => forPart.startsWith(' : ', p));
  if (colon === undefined) return forPart;
  const head = forPart.slice(0, colon + 3);
  const body = forPart.slice(colon + 3);
  if (positions.some((p) => p > colon && forPart.startsWith('=>', p))) return forPart;
  return `${head}${layoutExpression(body, base + head.length, base)}`;
}

/** The writer's hook (src/core/hcl-writer.ts): every attribute value of a generated file. */
export function layoutValue(name: string, value: string, column: number, indent: number): string {
  // Terraform takes a description as one literal string, and a heredoc would put line breaks
  // into the text terraform-docs renders: descriptions stay on their line. An error message is
  // never cut either (layoutExpression leaves strings whole): a heredoc would put its line breaks
  // into the text Terraform shows, which then differs from the TypeScript message word for word.
  if (name === 'description') return value;
  return layoutExpression(value, column, indent);
}
