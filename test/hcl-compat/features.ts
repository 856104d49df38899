/**
 * Language constructs that a module written for Terraform >= 1.5 and OpenTofu >= 1.6 must not
 * use, with the first version of each tool that has them (null: the tool does not have it).
 *
 * Sources, read through the stored public copies of the changelogs and docs:
 * - Terraform: CHANGELOG.md of each hashicorp/terraform v1.x branch ("NEW FEATURES"):
 *   1.5.0 import/check blocks, plantimestamp, strcontains; 1.7.0 removed blocks, for_each in
 *   import, test mocks; 1.8.0 provider-defined functions (provider::…), issensitive, cross-type
 *   moved; 1.9.0 validation rules referring to other objects, templatestring; 1.10.0 ephemeral
 *   resources/variables/outputs, ephemeralasnull; 1.11.0 write-only attributes; 1.12.0 import
 *   `identity`; 1.14.0 action blocks, list resources (.tfquery.hcl); 1.15.0 `deprecated` on
 *   variables/outputs, variables in module source/version, convert(), output `type`;
 *   1.16 (rc) import blocks inside modules, lifecycle `destroy`.
 * - OpenTofu: opentofu/opentofu CHANGELOG.md and website/docs/intro (whats-new, migration
 *   guides, compatibility.mdx): 1.7.0 removed block (no `lifecycle` in it), for_each in import,
 *   provider-defined functions, state encryption (`terraform { encryption }`), base64gunzip,
 *   cidrcontains; 1.8.0 mock_provider/override_* in tests, early evaluation (variables in module
 *   source and backends), .tofu files; 1.9.0 provider for_each, references to other objects in
 *   variable validation; 1.10.0 moved across resource types.
 *   Where this table gives an OpenTofu version not listed above it is the best available
 *   figure, not one read from a changelog; the test only needs "after 1.6", which holds for all.
 *
 * Not flagged (present in both floors): check blocks and import blocks in root modules
 * (Terraform 1.5, OpenTofu 1.6; but import/removed blocks are only allowed in a root module, and
 * these are child modules), terraform_data (1.4), optional() with defaults (1.3), nullable
 * (1.1), moved (1.1), pre/postconditions and replace_triggered_by (1.2), strcontains and
 * plantimestamp (1.5), startswith/endswith (1.3).
 */

export interface Feature {
  readonly name: string;
  /** Matches the construct in a .tf file with comments and string contents removed. */
  readonly pattern: RegExp;
  readonly terraform: string | null;
  readonly opentofu: string | null;
  readonly note?: string;
}

export const FEATURES: readonly Feature[] = [
  {
    name: 'import block (root modules only)',
    pattern: /^\s*import\s*\{/m,
    terraform: '1.5',
    opentofu: '1.6',
    note: 'not allowed in a child module at all (until Terraform 1.16)',
  },
  { name: 'removed block', pattern: /^\s*removed\s*\{/m, terraform: '1.7', opentofu: '1.7' },
  { name: 'ephemeral resource', pattern: /^\s*ephemeral\s+"/m, terraform: '1.10', opentofu: '1.11' },
  { name: 'ephemeral variable or output', pattern: /^\s*ephemeral\s*=/m, terraform: '1.10', opentofu: '1.11' },
  { name: 'write-only attribute (*_wo)', pattern: /^\s*\w+_wo(_version)?\s*=/m, terraform: '1.11', opentofu: '1.11' },
  { name: 'action block', pattern: /^\s*action\s+"/m, terraform: '1.14', opentofu: null },
  { name: 'deprecated variable or output', pattern: /^\s*deprecated\s*=/m, terraform: '1.15', opentofu: '1.10' },
  { name: 'provider-defined function', pattern: /\bprovider::/, terraform: '1.8', opentofu: '1.7' },
  { name: 'templatestring()', pattern: /\btemplatestring\s*\(/, terraform: '1.9', opentofu: '1.7' },
  { name: 'issensitive()', pattern: /\bissensitive\s*\(/, terraform: '1.8', opentofu: '1.7' },
  { name: 'ephemeralasnull()', pattern: /\bephemeralasnull\s*\(/, terraform: '1.10', opentofu: '1.11' },
  { name: 'convert()', pattern: /\bconvert\s*\(/, terraform: '1.15', opentofu: null },
  { name: 'base64gunzip()', pattern: /\bbase64gunzip\s*\(/, terraform: null, opentofu: '1.7' },
  { name: 'cidrcontains()', pattern: /\bcidrcontains\s*\(/, terraform: null, opentofu: '1.7' },
  {
    name: 'state encryption (terraform { encryption })',
    pattern: /^\s*encryption\s*\{/m,
    terraform: null,
    opentofu: '1.7',
  },
  {
    name: 'provider for_each',
    pattern: /^provider\s+"[^"]*"\s*\{[^}]*^\s*for_each\s*=/ms,
    terraform: null,
    opentofu: '1.9',
  },
  { name: 'lifecycle enabled', pattern: /^\s*lifecycle\s*\{[^}]*^\s*enabled\s*=/ms, terraform: null, opentofu: '1.11' },
  { name: 'lifecycle destroy', pattern: /^\s*lifecycle\s*\{[^}]*^\s*destroy\s*=/ms, terraform: '1.16', opentofu: null },
  {
    name: 'cloud block',
    pattern: /^\s*cloud\s*\{/m,
    terraform: '1.1',
    opentofu: '1.6',
    note: 'a reusable module must not configure where state goes',
  },
  {
    name: 'backend block',
    pattern: /^\s*backend\s+"/m,
    terraform: '0.9',
    opentofu: '1.6',
    note: 'a reusable module must not configure where state goes',
  },
];

/** Lowest versions the published modules support (README, versions.tf). */
export const FLOOR = { terraform: '1.5', opentofu: '1.6' } as const;

export function newerThan(version: string | null, floor: string): boolean {
  if (version === null) return true; // missing from that tool altogether
  const [a, b] = [version, floor].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

/**
 * HCL with comments removed and string literals emptied (interpolations kept), so patterns
 * match only language constructs. Heredocs are not used by the generator and are not handled.
 */
export function stripCommentsAndStrings(source: string): string {
  let out = '';
  let i = 0;
  const depth: number[] = []; // for each open string: brace depth of its current interpolation
  let inString = false;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (inString) {
      if (c === '\\') {
        i += 2;
      } else if (c === '"') {
        inString = false;
        out += '"';
        i++;
      } else if ((c === '$' || c === '%') && next === '{') {
        depth.push(1);
        inString = false;
        out += `${c}{`;
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (c === '#' || (c === '/' && next === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += '"';
      i++;
      continue;
    }
    if (depth.length > 0 && c === '{') depth[depth.length - 1]++;
    if (depth.length > 0 && c === '}') {
      depth[depth.length - 1]--;
      if (depth[depth.length - 1] === 0) {
        depth.pop();
        inString = true; // back inside the string the interpolation belongs to
      }
    }
    out += c;
    i++;
  }
  return out;
}
