/**
 * generators/docs.ts writes the README block as terraform-docs would, so that a user who runs
 * terraform-docs with the committed .terraform-docs.yml gets no diff. terraform-docs is not
 * installable here (no binary on npm or in Debian), so the expected text below is derived by
 * hand from terraform-docs' own sources (github.com/terraform-docs/terraform-docs):
 * - format/templates/markdown_table_{requirements,providers,modules,resources,inputs,outputs}.tmpl
 *   (headings, `| ---- | ------- |` delimiter rows, "No modules."),
 * - template/anchor.go CreateAnchorMarkdown and template/sanitizer.go SanitizeName,
 *   SanitizeMarkdownTable, EscapeCharacters, ConvertMultiLineText, NormalizeURLs,
 * - format/util.go PrintFencedCodeBlock and sanitize(), format/markdown_table.go (`type`, `value`),
 * - terraform/{load,input,output,resource}.go and internal/types/types.go (raw type source,
 *   JSON defaults, sorting, registry URLs).
 * The golden files format/testdata/markdown/table-*.golden of that version show the same rules
 * on terraform-docs' own example module.
 */
import * as fs from 'fs';
import * as path from 'path';
import { docsBlock, moduleOf, renderMarkdownTable, TfDocsModule } from '../../generators/docs';
import { MODULES, TERRAFORM_MIN } from '../../generators/registry';
import { synthModule } from '../../generators/synth-module';

const ROOT = path.resolve(__dirname, '../..');

const small: TfDocsModule = {
  requiredCore: ['>= 1.5'],
  requiredProviders: { aws: { source: 'hashicorp/aws', version: '>= 5.30' } },
  resources: [
    { mode: 'managed', type: 'aws_efs_file_system_policy', name: 'this' },
    { mode: 'data', type: 'aws_iam_policy_document', name: 'this' },
    { mode: 'managed', type: 'terraform_data', name: 'settings' },
    { mode: 'managed', type: 'aws_efs_file_system', name: 'this' },
    { mode: 'data', type: 'aws_caller_identity', name: 'current' },
  ],
  inputs: [
    { name: 'vpc_id', description: 'VPC of the mount targets.', type: 'string', required: true },
    {
      name: 'throughput_mode',
      description: 'One of "elastic" or "bursting".\nSecond line.',
      type: 'string',
      required: false,
      default: 'elastic',
    },
    { name: 'tags', description: '', type: 'map(string)', required: false, default: {} },
    {
      name: 'mount_targets',
      description: 'Keyed by `name_you_choose` | not positions.',
      type: 'map(object({\n    subnet_id = string\n  }))',
      required: true,
    },
    {
      name: 'kms_key_arn',
      description: 'Needs _encrypted_ and snake_case words.',
      type: 'string',
      required: false,
      default: null,
    },
    {
      name: 'lifecycle_policy',
      description: 'See https://docs.aws.amazon.com/efs/latest/ug/lifecycle_management.html',
      type: 'object({\n    transition_to_ia = optional(string)\n  })',
      required: false,
      default: { transition_to_primary_storage_class: 'AFTER_1_ACCESS', transition_to_ia: 'AFTER_30_DAYS' },
    },
    { name: 'uids', description: 'POSIX user IDs.', type: 'list(number)', required: false, default: [1000, 1001] },
    { name: 'enabled', description: 'Whether to create it.', type: 'bool', required: false, default: false },
  ],
  outputs: [
    { name: 'id', description: 'ID.' },
    { name: 'arn_suffix', description: '' },
  ],
};

const expected = `## Requirements

| Name | Version |
| ---- | ------- |
| <a name="requirement_terraform"></a> [terraform](#requirement\\_terraform) | >= 1.5 |
| <a name="requirement_aws"></a> [aws](#requirement\\_aws) | >= 5.30 |

## Providers

| Name | Version |
| ---- | ------- |
| <a name="provider_aws"></a> [aws](#provider\\_aws) | >= 5.30 |
| <a name="provider_terraform"></a> [terraform](#provider\\_terraform) | n/a |

## Modules

No modules.

## Resources

| Name | Type |
| ---- | ---- |
| [aws_efs_file_system.this](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system) | resource |
| [aws_efs_file_system_policy.this](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system_policy) | resource |
| [terraform_data.settings](https://registry.terraform.io/providers/hashicorp/terraform/latest/docs/resources/data) | resource |
| [aws_caller_identity.current](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/caller_identity) | data source |
| [aws_iam_policy_document.this](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document) | data source |

## Inputs

| Name | Description | Type | Default | Required |
| ---- | ----------- | ---- | ------- | :------: |
| <a name="input_mount_targets"></a> [mount\\_targets](#input\\_mount\\_targets) | Keyed by \`name_you_choose\` \\| not positions. | <pre>map(object({<br/>    subnet_id = string<br/>  }))</pre> | n/a | yes |
| <a name="input_vpc_id"></a> [vpc\\_id](#input\\_vpc\\_id) | VPC of the mount targets. | \`string\` | n/a | yes |
| <a name="input_enabled"></a> [enabled](#input\\_enabled) | Whether to create it. | \`bool\` | \`false\` | no |
| <a name="input_kms_key_arn"></a> [kms\\_key\\_arn](#input\\_kms\\_key\\_arn) | Needs _encrypted_ and snake\\_case words. | \`string\` | \`null\` | no |
| <a name="input_lifecycle_policy"></a> [lifecycle\\_policy](#input\\_lifecycle\\_policy) | See https://docs.aws.amazon.com/efs/latest/ug/lifecycle_management.html | <pre>object({<br/>    transition_to_ia = optional(string)<br/>  })</pre> | <pre>{<br/>  "transition_to_ia": "AFTER_30_DAYS",<br/>  "transition_to_primary_storage_class": "AFTER_1_ACCESS"<br/>}</pre> | no |
| <a name="input_tags"></a> [tags](#input\\_tags) | n/a | \`map(string)\` | \`{}\` | no |
| <a name="input_throughput_mode"></a> [throughput\\_mode](#input\\_throughput\\_mode) | One of "elastic" or "bursting".<br/>Second line. | \`string\` | \`"elastic"\` | no |
| <a name="input_uids"></a> [uids](#input\\_uids) | POSIX user IDs. | \`list(number)\` | <pre>[<br/>  1000,<br/>  1001<br/>]</pre> | no |

## Outputs

| Name | Description |
| ---- | ----------- |
| <a name="output_arn_suffix"></a> [arn\\_suffix](#output\\_arn\\_suffix) | n/a |
| <a name="output_id"></a> [id](#output\\_id) | ID. |`;

test('a small module renders as terraform-docs markdown table does', () => {
  expect(renderMarkdownTable(small)).toBe(expected);
});

test('empty sections say so, as the templates do', () => {
  const empty = renderMarkdownTable({
    requiredCore: [],
    requiredProviders: {},
    resources: [],
    inputs: [],
    outputs: [],
  });
  expect(empty).toBe(
    [
      '## Requirements',
      'No requirements.',
      '## Providers',
      'No providers.',
      '## Modules',
      'No modules.',
      '## Resources',
      'No resources.',
      '## Inputs',
      'No inputs.',
      '## Outputs',
      'No outputs.',
    ].join('\n\n'),
  );
});

/**
 * terraform-docs reads the .tf files, the generator reads the spec: check that what the
 * generator documents is what the generated files declare.
 */
describe.each(MODULES.map((d) => [d.spec.name, d] as const))('modules/%s README block', (name, definition) => {
  const dir = path.join(ROOT, 'modules', name);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  const mod = moduleOf(definition.spec, TERRAFORM_MIN, synthModule(definition).order);

  test('is the block in the committed README', () => {
    expect(read('README.md')).toContain(
      docsBlock({ spec: definition.spec, terraformVersion: TERRAFORM_MIN, elements: synthModule(definition).order }),
    );
  });

  test('documents each variable with the raw source of its type, and required exactly when it has no default', () => {
    const variables = read('variables.tf');
    for (const input of mod.inputs) {
      const body = variables.match(new RegExp(`^variable "${input.name}" \\{\\n([\\s\\S]*?)^\\}`, 'm'))?.[1];
      expect(body).toBeDefined();
      expect(body).toContain(`\n  type${body!.match(/\n {2}type( +)=/)![1]}= ${input.type}\n`);
      expect(/^ {2}default\s+=/m.test(body!)).toBe(!input.required);
    }
    expect([...variables.matchAll(/^variable "([^"]+)"/gm)].map((m) => m[1]).sort()).toEqual(
      mod.inputs.map((i) => i.name).sort(),
    );
  });

  test('lists the resources and data sources of main.tf, the outputs of outputs.tf and the constraint of versions.tf', () => {
    const declared = [...read('main.tf').matchAll(/^(resource|data) "([^"]+)" "([^"]+)"/gm)].map(
      ([, kind, type, n]) => `${kind === 'data' ? 'data' : 'managed'} ${type}.${n}`,
    );
    expect(declared.sort()).toEqual(mod.resources.map((r) => `${r.mode} ${r.type}.${r.name}`).sort());
    expect([...read('outputs.tf').matchAll(/^output "([^"]+)"/gm)].map((m) => m[1]).sort()).toEqual(
      mod.outputs.map((o) => o.name).sort(),
    );
    expect(read('versions.tf')).toContain(`required_version = "${mod.requiredCore[0]}"`);
    expect(read('versions.tf')).toContain(`version = "${mod.requiredProviders.aws.version}"`);
  });
});

test('.terraform-docs.yml pins the terraform-docs release and the settings the generator follows', () => {
  const config = fs.readFileSync(path.join(ROOT, '.terraform-docs.yml'), 'utf8');
  expect(config).toMatch(/^version: ">= 0\.24\.0, < 0\.25\.0"$/m);
  expect(config).toMatch(/^formatter: "markdown table"$/m);
  expect(config).toMatch(/^ {2}mode: inject$/m);
  expect(config).toMatch(/^sort:\n {2}enabled: true\n {2}by: required$/m);
  for (const section of ['requirements', 'providers', 'modules', 'resources', 'data-sources', 'inputs', 'outputs']) {
    expect(config).toMatch(new RegExp(`^ {4}- ${section}$`, 'm'));
  }
  for (const setting of [
    'anchor: true',
    'default: true',
    'escape: true',
    'hide-empty: false',
    'html: true',
    'indent: 2',
    'lockfile: false',
    'required: true',
    'type: true',
  ]) {
    expect(config).toMatch(new RegExp(`^ {2}${setting}$`, 'm'));
  }
});
