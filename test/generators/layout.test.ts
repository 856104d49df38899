/**
 * The generated HCL reads as a person would write it: lines a reviewer can read without
 * scrolling, arguments in the order generators/hcl/argument-roles.ts declares (`tags` after the
 * settings, `lifecycle` closing each resource), and the build's reasons (`ctx.explain`, `ctx.local(…, why)`) printed as
 * comments above their blocks. Checked on every .tf file the generator writes.
 */
import { render } from '../../generators/generate';
import { layoutExpression } from '../../generators/hcl/layout';
import type { ElementRef } from '../../generators/hcl/config-printer';
import { MODULES } from '../../generators/registry';
import { synthModule } from '../../generators/synth-module';

const files = [...render().files].filter(([path]) => path.endsWith('.tf'));
const mainOf = (module: string) => files.find(([path]) => path === `modules/${module}/main.tf`)![1];

/** The line with the text inside its string literals removed (interpolations count as strings). */
function outsideStrings(line: string): string {
  let out = '';
  let depth = 0; // interpolation depth inside a string
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (!inString) {
      if (c === '"') inString = true;
      out += c;
    } else if (c === '\\') i++;
    else if (line.startsWith('${', i)) {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === '"' && depth === 0) {
      inString = false;
      out += c;
    }
  }
  return out;
}

/** The top-level blocks of a file: header line and body lines (without the closing brace). */
function blocks(text: string): { header: string; body: string[]; at: number }[] {
  const lines = text.split('\n');
  const out: { header: string; body: string[]; at: number }[] = [];
  lines.forEach((line, i) => {
    if (!/^(resource|data) ".*" ".*" \{$/.test(line)) return;
    const end = lines.indexOf('}', i);
    out.push({ header: line, body: lines.slice(i + 1, end), at: i });
  });
  return out;
}

type Explained = Exclude<ElementRef, { kind: 'output' }> & { readonly comment: string };
const explainedIn = (order: readonly ElementRef[]): Explained[] =>
  order.filter((e): e is Explained => e.kind !== 'output' && !!e.comment);

const META = new Set(['count', 'for_each', 'provider', 'depends_on']);

/** Where a block's lifecycle block opens in its body, or -1. */
const lifecycleAt = (body: string[]) => body.findIndex((l) => l === '  lifecycle {');
/** A block's argument names in the order written, meta-arguments aside. */
const argumentsOf = (body: string[]) =>
  body.map((l) => /^ {2}([a-z_0-9]+)\s+=/.exec(l)?.[1]).filter((a): a is string => !!a && !META.has(a));
const isFromPort = (line: string) => /^\s*from_port\s*=/.test(line);

describe.each(files.map(([path, content]) => [path, content] as const))('%s', (_path, content) => {
  const lines = content.split('\n');

  test('has no line over 120 characters outside string literals', () => {
    expect(lines.filter((l) => outsideStrings(l).length > 120)).toEqual([]);
  });

  test('has no line over 160 characters, descriptions and error messages aside', () => {
    // Terraform takes a variable's or output's description as one literal string, and a heredoc
    // would put line breaks into the text terraform-docs renders: a description keeps its line.
    // So does an error message: a heredoc's line breaks would be part of the text Terraform shows.
    const attributeOf = (i: number) => {
      const indent = /^\s*/.exec(lines[i])![0].length;
      for (let j = i; j >= 0; j--) {
        const m = /^(\s*)([a-z_]+)\s*=/.exec(lines[j]);
        if (m && (j === i || m[1].length < indent)) return m[2];
      }
      return undefined;
    };
    const oneString = (i: number) => ['description', 'error_message'].includes(attributeOf(i) ?? '');
    expect(lines.filter((l, i) => l.length > 160 && !oneString(i))).toEqual([]);
  });

  test('closes each resource with its lifecycle block', () => {
    for (const { header, body } of blocks(content)) {
      const opened = lifecycleAt(body);
      if (opened < 0) continue;
      expect({ header, after: body.slice(body.indexOf('  }', opened) + 1) }).toEqual({ header, after: [] });
    }
  });

  test('writes tags after the other arguments of a resource', () => {
    for (const { header, body } of blocks(content)) {
      const args = argumentsOf(body);
      if (args.includes('tags')) expect({ header, last: args[args.length - 1] }).toEqual({ header, last: 'tags' });
    }
  });

  test('writes to_port right after from_port', () => {
    lines.forEach((line, i) => {
      if (isFromPort(line)) expect(lines[i + 1]).toMatch(/^\s*to_port\s*=/);
    });
  });
});

// The three checks above look only at what they find: these guards keep them from passing on nothing.
describe('the generated files hold what the layout checks look at', () => {
  const bodies = files.flatMap(([, content]) => blocks(content)).map((b) => b.body);

  test('a resource with a lifecycle block', () => {
    expect(bodies.filter((body) => lifecycleAt(body) >= 0).length).toBeGreaterThan(0);
  });

  test('a resource with tags', () => {
    expect(bodies.filter((body) => argumentsOf(body).includes('tags')).length).toBeGreaterThan(0);
  });

  test('a from_port', () => {
    expect(files.filter(([, content]) => content.split('\n').some(isFromPort)).length).toBeGreaterThan(0);
  });
});

describe.each(MODULES.map((d) => [d.spec.name, d] as const))('modules/%s/main.tf', (name, definition) => {
  test('prints each explanation of the build as a comment right above its block', () => {
    const lines = mainOf(name).split('\n');
    const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
    for (const e of explainedIn(synthModule(definition).order)) {
      const header =
        e.kind === 'local'
          ? lines.findIndex((l) => new RegExp(`^  ${e.name}\\s*=`).test(l))
          : lines.indexOf(`${e.kind} ${JSON.stringify(e.type)} ${JSON.stringify(e.name)} {`);
      let first = header;
      while (first > 0 && /^\s*#/.test(lines[first - 1])) first--;
      const comment = lines.slice(first, header);
      const address = e.kind === 'local' ? `local.${e.name}` : `${e.type}.${e.name}`;
      expect({ address, printed: words(comment.map((l) => l.replace(/^\s*#\s?/, '')).join(' ')) }).toEqual({
        address,
        printed: words(e.comment),
      });
      expect({ address, longest: Math.max(...comment.map((l) => l.length)) <= 100 }).toEqual({
        address,
        longest: true,
      });
    }
  });
});

test.each(MODULES.map((d) => [d.spec.name] as const))('modules/%s/main.tf repeats no comment word for word', (name) => {
  // Comments as their paragraphs, each one line of text.
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of [...mainOf(name).split('\n'), '']) {
    const text = /^\s*#\s?(.*)$/.exec(line)?.[1];
    if (text && !/^#+$/.test(text)) current.push(text);
    else {
      if (current.length) paragraphs.push(current.join(' '));
      current = [];
    }
  }
  expect(paragraphs.length).toBeGreaterThan(0);
  expect(paragraphs.filter((p, i) => paragraphs.indexOf(p) !== i)).toEqual([]);
});

describe.each(MODULES.map((d) => [d.spec.name, d] as const))('modules/%s/main.tf concerns', (name, definition) => {
  const lines = mainOf(name).split('\n');
  const rule = '#'.repeat(80);
  const banners = lines.flatMap((l, i) =>
    l === rule && lines[i + 2] === rule ? [lines[i + 1].replace(/^# /, '')] : [],
  );

  test('opens each concern of the build with one banner, in the order the build made them', () => {
    const concerns = [
      ...new Set(synthModule(definition).order.flatMap((e) => (e.kind !== 'output' && e.concern ? [e.concern] : []))),
    ];
    expect(concerns.length).toBeGreaterThan(1);
    expect(banners).toEqual(concerns);
  });

  test('groups the preconditions of its guard under comments, each group once', () => {
    const labels = lines.filter((l) => /^ {4}# Checks on the |^ {4}# Other checks/.test(l)).map((l) => l.trim());
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
    // Every precondition follows a group label, with only preconditions between them.
    const first = lines.findIndex((l) => /^ {4}# (Checks on the |Other checks)/.test(l));
    const firstPrecondition = lines.findIndex((l) => l === '    precondition {');
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(firstPrecondition);
  });
});

test('the builds explain some elements, so the comment checks above check something', () => {
  const count = MODULES.flatMap((d) => explainedIn(synthModule(d).order)).length;
  expect(count).toBeGreaterThan(0);
});

test.each(MODULES.map((d) => [d.spec.name] as const))(
  'modules/%s/main.tf writes posix_user as uid, gid, secondary_gids',
  (name) => {
    const main = mainOf(name);
    const at = main.search(/(posix_user \{|dynamic "posix_user" \{)/);
    expect(at).toBeGreaterThan(0);
    const block = main.slice(at, main.indexOf('\n  }', at));
    const order = ['uid', 'gid', 'secondary_gids'].map((k) => block.search(new RegExp(`\\n\\s*${k}\\s*=`)));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  },
);

test('a long error message stays one plain string, whatever its length', () => {
  const message = `"${'word '.repeat(40)}(got \${jsonencode(var.x == "a b" ? 1 : 2)}) and \\"quoted text\\" end."`;
  expect(layoutExpression(message, 20, 4)).toBe(message);
});

test('a long condition is cut at its operators inside parentheses', () => {
  const condition = Array.from({ length: 6 }, (_, i) => `var.setting_number_${i} == "value"`).join(' && ');
  expect(layoutExpression(condition, 20, 4).split('\n')).toEqual([
    '(',
    ...Array.from({ length: 6 }, (_, i) => `  var.setting_number_${i} == "value"${i < 5 ? ' &&' : ''}`),
    ')',
  ]);
});
