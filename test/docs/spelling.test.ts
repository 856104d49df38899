/**
 * Each path's docs speak that path's language: the TypeScript docs (the props and outputs docs of
 * src/generated/types.ts, which become the .d.ts and the API reference, and the TypeScript code of
 * the module READMEs) name no input or field in snake_case and show no HCL syntax; the HCL docs
 * (descriptions in variables.tf and outputs.tf, the README's generated blocks and HCL code) name
 * nothing in camelCase. Descriptions are declared once (src/core/doc.ts) and spelled per path.
 * The constructs' error messages speak TypeScript too: no snake_case name, no `null`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { doc, either, hclOnly, nm, spell, tsOnly, unsetWords, val } from '../../src/core/doc';
import { evaluate, name, perPath, template, toHcl } from '../../src/core/expr';
import type { ModuleSpec } from '../../src/core/spec';
import { TfType, camelCase, t } from '../../src/core/types';
import { MODULES } from '../../generators/registry';
import { caseInputs, construct, propsFor } from '../support/cases';
import { ROOT } from '../support/examples';
import { thrown } from '../support/synth';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every input, output and field name of the modules. */
function declaredNames(specs: readonly ModuleSpec[]): Set<string> {
  const names = new Set<string>();
  const visit = (type: TfType) => {
    if (type.kind === 'object') {
      for (const [k, f] of Object.entries(type.fields)) {
        names.add(k);
        visit(f.type);
      }
    } else if ('of' in type) visit(type.of);
  };
  for (const spec of specs) {
    for (const x of [...spec.inputs, ...spec.outputs]) {
      names.add(x.name);
      visit(x.type);
    }
  }
  return names;
}

const DECLARED = declaredNames(MODULES.map((m) => m.spec));
/** The names spelt differently per path. */
const SNAKE = [...DECLARED].filter((n) => n.includes('_')).sort();
/**
 * Their TypeScript spelling, unless the spec declares that very name: the fields of ECS's
 * `mountPoints` entry (`readOnly`, `containerPath`) are camelCase in the ECS API itself.
 */
const CAMEL = SNAKE.map(camelCase).filter((c) => !DECLARED.has(c));
const word = (w: string) => new RegExp(`(?<![A-Za-z0-9_$])${w.replace(/[.$]/g, '\\$&')}(?![A-Za-z0-9_])`);

/** What HCL looks like, as it must not appear in TypeScript docs. */
const HCL_SIGNS: readonly [string, RegExp][] = [
  ...SNAKE.map((n): [string, RegExp] => [n, word(n)]),
  ['var.', /\bvar\./],
  ['module.', /\bmodule\./],
  ['dynamic "', /dynamic "/],
  [' = true', / = true\b/],
  [' = false', / = false\b/],
  ['null', /\bnull\b/i],
  ['{ x = … }', /\{\s*[\w"-]+\s*=\s/],
];

/**
 * What TypeScript looks like, as it must not appear in HCL docs: camelCase names, `undefined`, the
 * constructs and cdktf.
 */
const TS_SIGNS: readonly [string, RegExp][] = [
  ...CAMEL.map((n): [string, RegExp] => [n, word(n)]),
  ...MODULES.map((m): [string, RegExp] => [m.spec.className, word(m.spec.className)]),
  ['undefined', /\bundefined\b/],
  ['cdktf', /\bcdktf\b/i],
];

function findings(where: string, text: string, signs: readonly [string, RegExp][]): string[] {
  return signs.filter(([, re]) => re.test(text)).map(([what]) => `${where}: ${what}`);
}

/** The doc comments of src/generated/types.ts, by `Interface.member` (or the type's own name). */
function typesDocs(): [string, string][] {
  const source = read('src/generated/types.ts');
  const owners = [...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => [m.index, m[1]] as const);
  return [...source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(?:export (?:interface|type) (\w+)|readonly (\w+))/g)].map(
    (m) => {
      const text = m[1]
        .replace(/^\s*\* ?/gm, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (m[2]) return [m[2], text];
      const owner = owners.filter(([at]) => at < m.index).pop()![1];
      return [`${owner}.${m[3]}`, text];
    },
  );
}

/** Fenced code blocks of a language in a markdown file. */
const codeBlocks = (markdown: string, langs: RegExp) =>
  [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => langs.test(m[1])).map((m) => m[2]);

/** The README's generated blocks: the change-safety table and the terraform-docs block. */
const generatedBlocks = (markdown: string) =>
  [...markdown.matchAll(/<!-- BEGIN_(\w+) -->([\s\S]*?)<!-- END_\1 -->/g)].map((m) => m[2]);

/** Each `description = "…"` of a generated .tf file. */
const tfDescriptions = (hcl: string) =>
  [...hcl.matchAll(/^\s*description = "((?:[^"\\]|\\.)*)"$/gm)].map((m) => JSON.parse(`"${m[1]}"`) as string);

describe('TypeScript docs', () => {
  const docs = typesDocs();
  const found = docs.flatMap(([where, text]) => findings(where, text, HCL_SIGNS));

  test('the props and outputs docs name inputs and fields in camelCase and show no HCL syntax', () => {
    expect(docs.length).toBeGreaterThan(60);
    expect(found).toEqual([]);
  });

  test.each([...MODULES.map((m) => `modules/${m.spec.name}/README.md`), 'README.md'])(
    '%s: the TypeScript code spells no HCL',
    (path) => {
      const blocks = codeBlocks(read(path), /^(ts|typescript)$/);
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.flatMap((b, i) => findings(`ts block ${i + 1}`, b, HCL_SIGNS))).toEqual([]);
    },
  );

  test('@default is TypeScript: a value in TypeScript syntax, or words when nothing is given', () => {
    const defaults = [...read('src/generated/types.ts').matchAll(/@default (.*)$/gm)].map((m) => m[1]);
    expect(defaults.length).toBeGreaterThan(40);
    expect(defaults.filter((d) => /^(undefined|null)$|"| = /.test(d))).toEqual([]);
  });

  test('every optional input without a default says in words what leaving it out means', () => {
    const missing = MODULES.flatMap(({ spec }) =>
      spec.inputs
        .filter(
          (i) =>
            !i.required && (i.default === undefined || i.default === null) && unsetWords(i.description) === undefined,
        )
        .map((i) => `${spec.name}.${i.name}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('HCL docs', () => {
  test.each(MODULES.map((m) => m.spec.name))(
    '%s: variables.tf and outputs.tf descriptions name nothing in camelCase',
    (name) => {
      const descriptions = ['variables.tf', 'outputs.tf'].flatMap((f) =>
        tfDescriptions(read(`modules/${name}/${f}`)).map((d, i) => [`${f} #${i + 1}`, d] as const),
      );
      expect(descriptions.length).toBeGreaterThan(5);
      expect(descriptions.flatMap(([where, d]) => findings(where, d, TS_SIGNS))).toEqual([]);
    },
  );

  test.each([...MODULES.map((m) => `modules/${m.spec.name}/README.md`), 'README.md'])(
    '%s: the generated blocks and HCL code name nothing in camelCase',
    (path) => {
      const readme = read(path);
      const parts = [...generatedBlocks(readme), ...codeBlocks(readme, /^(hcl|terraform|tf)$/)];
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.flatMap((p, i) => findings(`part ${i + 1}`, p, TS_SIGNS))).toEqual([]);
    },
  );
});

describe('doc templates', () => {
  const text = doc`When ${nm('throughput_mode')} is ${val('provisioned')}, set ${nm('backup_plan', 'vault_name')}. ${hclOnly('Use `dynamic "volume"`.')} Done${either('; null: none', '')}.`;

  test('HCL reads snake_case names and HCL values, with the HCL-only passage', () => {
    expect(spell(text, 'hcl')).toBe(
      'When `throughput_mode` is `"provisioned"`, set `backup_plan.vault_name`. Use `dynamic "volume"`. Done; null: none.',
    );
  });

  test('TypeScript reads camelCase names and TypeScript values, and the text closes up around what it leaves out', () => {
    expect(spell(text, 'ts')).toBe("When `throughputMode` is `'provisioned'`, set `backupPlan.vaultName`. Done.");
  });

  test('values of object types camelCase their fields; map keys stay as the user wrote them', () => {
    const policy = t.object({ transition_to_ia: t.string() });
    expect(spell(doc`${val({ transition_to_ia: 'AFTER_30_DAYS' }, policy)}`, 'ts')).toBe(
      "`{ transitionToIa: 'AFTER_30_DAYS' }`",
    );
    expect(spell(doc`${val({ my_app: 'sg-1' }, t.map(t.string()))}`, 'ts')).toBe("`{ my_app: 'sg-1' }`");
    expect(spell(doc`${val({ my_app: 'sg-1' }, t.map(t.string()))}`, 'hcl')).toBe('`{ my_app = "sg-1" }`');
  });

  test('a TypeScript-only passage is left out of HCL', () => {
    expect(spell(doc`Mounts it. ${tsOnly('The construct wires the function.')}`, 'hcl')).toBe('Mounts it.');
  });

  test('@default words are spelled for TypeScript', () => {
    expect(unsetWords(doc.unset(doc`${nm('name')} followed by ${nm('security_group_use_name_prefix')}`)`Name.`)).toBe(
      '`name` followed by `securityGroupUseNamePrefix`',
    );
  });
});

describe('message templates', () => {
  const message = template`${name('file_system')} is missing: pass ${perPath('module.efs.file_system', 'efs.fileSystem')}.`;

  test('a per-path passage of a message reads as HCL in the HCL module', () => {
    expect(toHcl(message, { resolve: (n) => `var.${n}`, spelling: 'hcl' })).toBe(
      '"file_system is missing: pass module.efs.file_system."',
    );
  });

  test('and as TypeScript when a construct reports it', () => {
    expect(evaluate(message, {}, 'ts')).toBe('fileSystem is missing: pass efs.fileSystem.');
  });
});

describe('TypeScript error messages', () => {
  describe.each(MODULES.map((def) => [def.spec.name, def] as const))('%s', (_name, def) => {
    const snake = [...declaredNames([def.spec])].filter((n) => n.includes('_')).sort();
    const signs: [string, RegExp][] = [...snake.map((n): [string, RegExp] => [n, word(n)]), ['null', /\bnull\b/]];

    /** The problems the construct throws at synth time for a bad case. */
    const problems = (props: Record<string, unknown>): readonly string[] =>
      thrown(() => construct(def, props)).problems;

    test.each(def.cases.bad.map((c) => [c.title, c] as const))(
      '%s: names no input or field in snake_case and shows no null',
      (_title, c) => {
        const found = problems(propsFor(def, caseInputs(def, c))).flatMap((p) => findings(p, p, signs));
        expect(found).toEqual([]);
      },
    );
  });
});
