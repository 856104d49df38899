/**
 * The inputs/outputs block of a module README, between <!-- BEGIN_TF_DOCS --> and
 * <!-- END_TF_DOCS -->, laid out as terraform-docs' markdown table formatter does, so that a
 * user who runs terraform-docs with the committed .terraform-docs.yml sees no diff.
 */
import type { ModuleSpec } from '../src/core/spec';
import { hclLiteral, hclType } from './hcl/types';
import type { ElementRef } from './hcl/config-printer';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

export interface DocsContext {
  readonly spec: ModuleSpec;
  readonly terraformVersion: string;
  readonly elements: readonly ElementRef[];
}

export function docsBlock({ spec, terraformVersion, elements }: DocsContext): string {
  const esc = (s: string) => s.replace(/_/g, '\\_');
  const anchor = (kind: string, name: string) => `<a name="${kind}_${name}"></a> [${name}](#${kind}\\_${esc(name)})`;
  const lines: string[] = [BEGIN, '## Requirements', '', '| Name | Version |', '|------|---------|'];
  lines.push(`| ${anchor('requirement', 'terraform')} | >= ${terraformVersion} |`);
  lines.push(`| ${anchor('requirement', 'aws')} | >= ${spec.awsProviderVersion} |`, '');
  lines.push('## Providers', '', '| Name | Version |', '|------|---------|');
  lines.push(`| ${anchor('provider', 'aws')} | >= ${spec.awsProviderVersion} |`, '');
  lines.push('## Modules', '', 'No modules.', '');
  lines.push('## Resources', '', '| Name | Type |', '|------|------|');
  const resources = elements
    .filter((e): e is Extract<ElementRef, { kind: 'resource' | 'data' }> => e.kind === 'resource' || e.kind === 'data')
    .map((e) => ({ ...e, label: `${e.kind === 'data' ? 'data source' : 'resource'}`, address: `${e.kind === 'data' ? 'data.' : ''}${e.type}.${e.name}` }))
    .sort((a, b) => (a.kind === b.kind ? a.address.localeCompare(b.address) : a.kind === 'resource' ? -1 : 1));
  for (const r of resources) {
    const page = `https://registry.terraform.io/providers/hashicorp/aws/latest/docs/${r.kind === 'data' ? 'data-sources' : 'resources'}/${r.type.replace(/^aws_/, '')}`;
    lines.push(`| [${r.address}](${page}) | ${r.label} |`);
  }
  lines.push('', '## Inputs', '', '| Name | Description | Type | Default | Required |', '|------|-------------|------|---------|:--------:|');
  // terraform-docs lists required inputs first, then the others, each group by name.
  const inputs = [...spec.inputs].sort((a, b) => Number(!a.required) - Number(!b.required) || a.name.localeCompare(b.name));
  for (const i of inputs) {
    const def = i.required ? 'n/a' : code(hclLiteral(i.default ?? null));
    lines.push(`| ${anchor('input', i.name)} | ${cell(i.description)} | ${code(hclType(i.type))} | ${def} | ${i.required ? 'yes' : 'no'} |`);
  }
  lines.push('', '## Outputs', '', '| Name | Description |', '|------|-------------|');
  for (const o of [...spec.outputs].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(`| ${anchor('output', o.name)} | ${cell(o.description)} |`);
  }
  lines.push(END);
  return lines.join('\n');
}

/** Code in a table cell: inline for one line, <pre> with <br> for several, as terraform-docs does. */
function code(s: string): string {
  return s.includes('\n') ? `<pre>${s.split('\n').join('<br/>')}</pre>` : `\`${s}\``;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, '<br/>');
}

/** Replaces the generated block of an existing README, or appends it. */
export function injectDocs(readme: string, blockText: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) return `${readme.trimEnd()}\n\n${blockText}\n`;
  return readme.slice(0, start) + blockText + readme.slice(end + END.length);
}
