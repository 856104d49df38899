/**
 * The inputs/outputs block of a module README, between <!-- BEGIN_TF_DOCS --> and
 * <!-- END_TF_DOCS -->, byte for byte as terraform-docs writes it with the committed
 * .terraform-docs.yml (formatter "markdown table", sort by required, escape, html, anchors,
 * lockfile off), so a user who runs terraform-docs sees no diff.
 *
 * Ported from terraform-docs (github.com/terraform-docs/terraform-docs, the release line with
 * spaced table delimiter rows, v0.24; .terraform-docs.yml pins it):
 * - format/templates/markdown_table_{requirements,providers,modules,resources,inputs,outputs}.tmpl:
 *   headings, table headers, delimiter rows, "No modules." and the other empty-section lines;
 * - template/sanitizer.go: SanitizeName, SanitizeMarkdownTable, EscapeCharacters,
 *   ConvertMultiLineText, NormalizeURLs, processSegments (escaping of `_` and `|` outside code
 *   spans, line breaks as <br/>, code fences as <pre>);
 * - template/anchor.go: CreateAnchorMarkdown (`<a name="input_x"></a> [x](#input\_x)`);
 * - format/markdown_table.go + format/util.go: the `type` and `value` template functions
 *   (PrintFencedCodeBlock: single line in backticks, several lines as a fenced block that
 *   the sanitizer turns into <pre>…</pre>) and sanitize() (one blank line between sections);
 * - terraform/load.go, terraform/input.go, terraform/resource.go, terraform/output.go, internal/types:
 *   a variable's type is the raw source text of its `type` expression (continuation lines keep
 *   their indentation in variables.tf); a default is the JSON of the HCL value (two-space
 *   indent, keys sorted, HTML not escaped; a top-level string only escapes `"` and newlines);
 *   inputs sorted required-first then by name, outputs by name, resources managed-first then
 *   by address (Go byte order, so `aws_efs_file_system.this` sorts before
 *   `aws_efs_file_system_policy.this`), providers by name with the `required_providers`
 *   constraint (lockfile: false), requirements `terraform` first then providers by name;
 *   resource links https://registry.terraform.io/providers/<source>/latest/docs/<kind>/<type>.
 */
import { spell } from '../src/core/doc';
import type { ModuleSpec } from '../src/core/spec';
import { hclType } from './hcl/types';
import type { ElementRef } from './hcl/config-printer';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

/** The provider sources the modules declare in required_providers, by local name. */
const PROVIDER_SOURCES: Readonly<Record<string, string>> = { aws: 'hashicorp/aws' };

export interface DocsContext {
  readonly spec: ModuleSpec;
  readonly terraformVersion: string;
  readonly elements: readonly ElementRef[];
}

/** What terraform-docs reads from a module: the subset this project's modules use. */
export interface TfDocsModule {
  /** `required_version` constraints. */
  readonly requiredCore: readonly string[];
  /** required_providers: local name → source and version constraint. */
  readonly requiredProviders: Readonly<Record<string, { source: string; version: string }>>;
  readonly resources: readonly { mode: 'managed' | 'data'; type: string; name: string }[];
  readonly inputs: readonly TfDocsInput[];
  readonly outputs: readonly { name: string; description: string }[];
}

export interface TfDocsInput {
  readonly name: string;
  readonly description: string;
  /** The raw source text of the `type` expression, as in variables.tf. */
  readonly type: string;
  /** Whether the variable has no `default` argument. */
  readonly required: boolean;
  /** The default's value (ignored when required). */
  readonly default?: unknown;
}

export function docsBlock({ spec, terraformVersion, elements }: DocsContext): string {
  return `${BEGIN}\n${renderMarkdownTable(moduleOf(spec, terraformVersion, elements))}\n${END}`;
}

/** The module as terraform-docs would load it from the generated .tf files. */
export function moduleOf(spec: ModuleSpec, terraformVersion: string, elements: readonly ElementRef[]): TfDocsModule {
  return {
    requiredCore: [`>= ${terraformVersion}`],
    requiredProviders: { aws: { source: PROVIDER_SOURCES.aws, version: `>= ${spec.awsProviderVersion}` } },
    resources: elements.flatMap((e) =>
      e.kind === 'resource' || e.kind === 'data'
        ? [{ mode: e.kind === 'data' ? ('data' as const) : ('managed' as const), type: e.type, name: e.name }]
        : [],
    ),
    inputs: spec.inputs.map((i) => ({
      name: i.name,
      description: spell(i.description, 'hcl'),
      type: typeSource(hclType(i.type)),
      required: Boolean(i.required),
      default: i.required ? undefined : (i.default ?? null),
    })),
    outputs: spec.outputs.map((o) => ({ name: o.name, description: spell(o.description, 'hcl') })),
  };
}

/**
 * The source text of a `type = …` argument inside a `variable` block: continuation lines carry
 * the block body's two-space indentation (terraform-docs reads the raw source, not a normalised type).
 */
export function typeSource(type: string): string {
  return type
    .split('\n')
    .map((line, i) => (i > 0 && line !== '' ? `  ${line}` : line))
    .join('\n');
}

// ---------------------------------------------------------------------------
// The markdown table formatter
// ---------------------------------------------------------------------------

/** Go's `<` on strings: byte order (UTF-16 code units agree for the ASCII names used here). */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The {{ .Content }} of terraform-docs' markdown table formatter for the configured sections. */
export function renderMarkdownTable(mod: TfDocsModule): string {
  return [requirements(mod), providers(mod), modules(), resources(mod), inputs(mod), outputs(mod)].join('\n\n');
}

function section(title: string, header: string, delimiter: string, rows: string[], empty: string): string {
  return rows.length === 0 ? `## ${title}\n\n${empty}` : [`## ${title}`, '', header, delimiter, ...rows].join('\n');
}

function requirements(mod: TfDocsModule): string {
  const rows = [
    ...mod.requiredCore.map((v) => ['terraform', v] as const),
    ...Object.keys(mod.requiredProviders)
      .sort(byteOrder)
      .map((name) => [name, mod.requiredProviders[name].version] as const),
  ].map(([name, version]) => `| ${anchorNameMarkdown('requirement', name)} | ${version || 'n/a'} |`);
  return section('Requirements', '| Name | Version |', '| ---- | ------- |', rows, 'No requirements.');
}

/** Local provider name of a resource type: what precedes the first underscore (`terraform_data` → `terraform`). */
function providerOf(type: string): string {
  return type.split('_')[0];
}

function providers(mod: TfDocsModule): string {
  const names = [...new Set(mod.resources.map((r) => providerOf(r.type)))].sort(byteOrder);
  const rows = names.map(
    (name) => `| ${anchorNameMarkdown('provider', name)} | ${mod.requiredProviders[name]?.version || 'n/a'} |`,
  );
  return section('Providers', '| Name | Version |', '| ---- | ------- |', rows, 'No providers.');
}

function modules(): string {
  return section('Modules', '| Name | Source | Version |', '| ---- | ------ | ------- |', [], 'No modules.');
}

function resources(mod: TfDocsModule): string {
  const rows = [...mod.resources]
    .sort((a, b) =>
      a.mode === b.mode ? byteOrder(`${a.type}.${a.name}`, `${b.type}.${b.name}`) : a.mode === 'managed' ? -1 : 1,
    )
    .map((r) => {
      const provider = providerOf(r.type);
      const source = mod.requiredProviders[provider]?.source || `hashicorp/${provider}`;
      const kind = r.mode === 'managed' ? 'resources' : 'data-sources';
      const url = `https://registry.terraform.io/providers/${source}/latest/docs/${kind}/${r.type.slice(provider.length + 1)}`;
      return `| [${r.type}.${r.name}](${url}) | ${r.mode === 'managed' ? 'resource' : 'data source'} |`;
    });
  return section('Resources', '| Name | Type |', '| ---- | ---- |', rows, 'No resources.');
}

function inputs(mod: TfDocsModule): string {
  // sort.by = required: inputs without a default first, then by name.
  const sorted = [...mod.inputs].sort((a, b) => Number(!a.required) - Number(!b.required) || byteOrder(a.name, b.name));
  const rows = sorted.map((i) => {
    const value = i.required ? '' : defaultValue(i.default);
    return (
      `| ${anchorNameMarkdown('input', i.name)} | ${sanitizeMarkdownTable(i.description)} |` +
      ` ${sanitizeMarkdownTable(fencedCodeBlock(i.type))} |` +
      ` ${sanitizeMarkdownTable(value === '' ? 'n/a' : fencedCodeBlock(value))} |` +
      ` ${i.required ? 'yes' : 'no'} |`
    );
  });
  return section(
    'Inputs',
    '| Name | Description | Type | Default | Required |',
    '| ---- | ----------- | ---- | ------- | :------: |',
    rows,
    'No inputs.',
  );
}

function outputs(mod: TfDocsModule): string {
  const rows = [...mod.outputs]
    .sort((a, b) => byteOrder(a.name, b.name))
    .map((o) => `| ${anchorNameMarkdown('output', o.name)} | ${sanitizeMarkdownTable(o.description)} |`);
  return section('Outputs', '| Name | Description |', '| ---- | ----------- |', rows, 'No outputs.');
}

// ---------------------------------------------------------------------------
// Values (terraform/input.go GetValue, internal/types)
// ---------------------------------------------------------------------------

/** JSON of a default as terraform-docs prints it. */
export function defaultValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  // types.String.MarshalJSON: quotes and newlines only; an empty string is types.Empty → "".
  if (typeof value === 'string') return `"${value.replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byteOrder(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, v === undefined ? null : sortKeys(v)]));
  }
  return value;
}

// ---------------------------------------------------------------------------
// template/sanitizer.go, template/anchor.go, format/util.go
// ---------------------------------------------------------------------------

/** PrintFencedCodeBlock(code, ""): backticks for one line, a fenced block for several. */
function fencedCodeBlock(code: string): string {
  return code.includes('\n') ? `\n\n\`\`\`\n${code}\n\`\`\`\n` : `\`${code}\``;
}

export function sanitizeName(name: string): string {
  return name.replace(/_/g, '\\_');
}

export function anchorNameMarkdown(prefix: string, value: string): string {
  const anchorName = `${prefix}_${value}`;
  return `<a name="${anchorName}"></a> [${sanitizeName(value)}](#${sanitizeName(anchorName)})`;
}

type SegmentFn = (segment: string, first: boolean, last: boolean) => string;

/** Splits on `prefix` and runs codeFn on the parts between delimiters, normalFn on the others. */
function processSegments(s: string, prefix: string, normalFn: SegmentFn, codeFn: SegmentFn): string {
  let inCode = s.startsWith(prefix);
  const segments = s.split(prefix);
  let out = '';
  segments.forEach((segment, i) => {
    // Go's loop `continue`s on empty segments without toggling.
    if (segment.length === 0) return;
    const first = i === 0 || segments[i - 1].trim().length === 0;
    const last = i === segments.length - 1 || segments[i + 1].trim().length === 0;
    out += inCode ? codeFn(segment, first, last) : normalFn(segment, first, last);
    inCode = !inCode;
  });
  return out;
}

/** SanitizeMarkdownTable(s, escape = true, html = true). */
export function sanitizeMarkdownTable(s: string): string {
  if (s === '') return 'n/a';
  return processSegments(
    s,
    '```',
    (segment) => normalizeURLs(convertMultiLineText(escapeCharacters(segment))),
    (segment) => `<pre>${segment.trim().split('\n').join('<br/>').replace(/\r/g, '')}</pre>`,
  );
}

const GO_SPACE = '[\\t\\n\\f\\r ]';
const GO_NOT_SPACE = '[^\\t\\n\\f\\r ]';
const DONT_ESCAPE = '‡‡‡DONTESCAPE‡‡‡';

/** EscapeCharacters(s, escape = true, escapePipe = true): `|` and `_` outside code spans. */
function escapeCharacters(s: string): string {
  const wrap: SegmentFn = (segment) => `\`${segment}\``;
  let out = processSegments(s, '`', (segment) => segment.replace(/\|/g, '\\|'), wrap);
  out = processSegments(out, '`', (segment) => segment.split('\n').map(escapeUnderscores).join('\n'), wrap);
  return out;
}

/** The per-line underscore escaping, keeping `_emphasis_` and leading `_ ` as they are. */
function escapeUnderscores(line: string): string {
  const cases: { pattern: RegExp; index: number[] }[] = [
    { pattern: new RegExp(`^(${GO_SPACE}*)(_+)(${GO_SPACE}+)(.*)`, 'g'), index: [2] },
    {
      pattern: new RegExp(`(${GO_SPACE}+)(_+)([^\\t\\n\\f\\r _])(.*)([^\\t\\n\\f\\r _])(_+)(${GO_SPACE}+)`, 'g'),
      index: [6, 2],
    },
  ];
  for (const { pattern, index } of cases) {
    const matches = [...line.matchAll(pattern)];
    for (const m of matches) {
      for (const k of index) {
        // Group offsets from the unmodified line, as Go's FindAllStringSubmatchIndex gives them.
        const start = groupStart(m, k);
        line = line.slice(0, start) + m[k].split('_').join(DONT_ESCAPE) + line.slice(start + m[k].length);
      }
    }
  }
  return line.split('_').join('\\_').split(DONT_ESCAPE).join('_');
}

/** Start offset of capture group k of a match (groups here are consecutive and cover the match). */
function groupStart(m: RegExpMatchArray, k: number): number {
  let offset = m.index ?? 0;
  for (let g = 1; g < k; g++) offset += (m[g] ?? '').length;
  return offset;
}

/** ConvertMultiLineText(s, isTable = true, isHeader = false, showHTML = true). */
function convertMultiLineText(s: string): string {
  s = s.trim();
  s = s.replace(new RegExp(`(${GO_NOT_SPACE}*)(\\r?\\n)(${GO_SPACE}*)(\\w+)`, 'g'), '$1  $2$3$4');
  s = s.split('    \n').join('  \n');
  s = s.split('  \n\n').join('\n\n');
  s = s.split('\n  \n').join('\n\n');
  s = s.split('  \n').join('<br/>');
  return s.split('\n').join('<br/>');
}

/**
 * NormalizeURLs: undoes the escaping inside URLs. terraform-docs finds them with xurls.Strict
 * (a scheme and `://`); this matches the same shape for the plain URLs a description holds.
 */
function normalizeURLs(s: string): string {
  return s.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<>"'`|]+/g, (url) => url.replace(/\\/g, ''));
}

/** Replaces the generated block of an existing README, or appends it. */
export const CHANGES_BEGIN = '<!-- BEGIN_CHANGE_SAFETY -->';
export const CHANGES_END = '<!-- END_CHANGE_SAFETY -->';

/**
 * The README's change-safety table: each input and what a plan does when it changes on a
 * deployed module, from the spec's `onChange`. Empty when no input of the module has one yet.
 */
export function changeSafetyBlock(spec: ModuleSpec): string {
  const described = spec.inputs.filter((i) => i.onChange);
  if (described.length === 0) return '';
  const missing = spec.inputs.filter((i) => !i.onChange).map((i) => i.name);
  if (missing.length > 0) throw new Error(`${spec.name}: inputs without onChange: ${missing.join(', ')}`);
  const rows = spec.inputs.map((i) => `| \`${i.name}\` | ${i.onChange!.replace(/\|/g, '\\|')} |`);
  return [
    CHANGES_BEGIN,
    '## What a change does',
    '',
    `What \`terraform plan\` does when an input changes on a deployed module (generated from \`src/modules/${spec.name}/spec.ts\`).`,
    `The tests in \`test/${spec.name}/\` plan these changes with the real AWS provider against the state an apply would leave.`,
    '',
    '| input | on change |',
    '| ----- | --------- |',
    ...rows,
    CHANGES_END,
  ].join('\n');
}

/** Puts the change-safety block between its markers, or just before the terraform-docs block. */
export function injectChangeSafety(readme: string, blockText: string): string {
  const start = readme.indexOf(CHANGES_BEGIN);
  const end = readme.indexOf(CHANGES_END);
  if (start >= 0 && end >= 0) return readme.slice(0, start) + blockText + readme.slice(end + CHANGES_END.length);
  if (blockText === '') return readme;
  const docs = readme.indexOf(BEGIN);
  return docs < 0
    ? `${readme.trimEnd()}\n\n${blockText}\n`
    : `${readme.slice(0, docs)}${blockText}\n\n${readme.slice(docs)}`;
}

export function injectDocs(readme: string, blockText: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) return `${readme.trimEnd()}\n\n${blockText}\n`;
  return readme.slice(0, start) + blockText + readme.slice(end + END.length);
}
