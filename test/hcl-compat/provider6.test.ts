/**
 * AWS provider 6.x, proven statically: the provider mirror here holds 5.100.0 only, so the plans
 * run on 5.100.0, and this test checks that every resource type, argument and nested block the
 * HCL modules and the constructs set exists with the same type in the 6.x schema. The schemas are
 * those of the cdktf bindings, generated from the provider's: `@cdktf/provider-aws` 20.1.0
 * (provider 5.100.0) and 21.22.1 (6.25.0, installed as `cdktf-provider-aws-21`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { MODULES } from '../../generators/registry';
import { synthApp } from '../support/examples';
import { argumentsUsed } from './arguments-used';
import { bindingSchema, incompatibilities, parseBindingSource, type TypeSchema, type Use } from './binding-schema';

const ROOT = path.resolve(__dirname, '../..');
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const V5 = packageDir('@cdktf/provider-aws');
const V6 = packageDir('cdktf-provider-aws-21');
const providerVersion = (dir: string): string =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).cdktf.provider.version;

function cached(dir: string): (type: string) => TypeSchema | undefined {
  const schemas = new Map<string, TypeSchema | undefined>();
  return (type) => {
    if (!schemas.has(type)) schemas.set(type, bindingSchema(dir, type));
    return schemas.get(type);
  };
}
const v5 = cached(V5);
const v6 = cached(V6);

// ---- what the HCL modules set
const hclUses: Use[] = MODULES.flatMap((m) =>
  argumentsUsed(fs.readFileSync(path.join(ROOT, 'modules', m.spec.name, 'main.tf'), 'utf8')),
);

// ---- what the constructs set, in the synthesized stacks of main.ts
const META = new Set(['//', 'for_each', 'count', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

/** The argument paths of one resource body of the synthesized JSON, blocks told apart by the 5.x schema. */
function jsonUses(type: string, body: Record<string, unknown>, keep: (p: string) => boolean): Use[] {
  const schema = v5(type);
  const out: Use[] = [{ type, path: '' }];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (META.has(key) && prefix === '') continue;
      if (key === 'dynamic') {
        for (const [block, spec] of Object.entries(value as Record<string, { content: Record<string, unknown> }>))
          walk(spec.content, `${prefix}${block}.`);
        continue;
      }
      const p = `${prefix}${key}`;
      if (schema?.get(p)?.isBlock) {
        for (const item of Array.isArray(value) ? value : [value])
          if (item && typeof item === 'object') walk(item as Record<string, unknown>, `${p}.`);
      } else if (keep(p)) out.push({ type, path: p });
    }
  };
  walk(body, '');
  return out.filter((u) => u.path === '' || keep(u.path));
}

/** Blocks our mounts write into the user's own resources. */
const SET_ON_USER_RESOURCES: Record<string, string> = {
  aws_lambda_function: 'file_system_config',
  aws_ecs_task_definition: 'volume',
};

function constructUses(): Use[] {
  const stacks = path.join(synthApp(), 'stacks');
  return fs.readdirSync(stacks).flatMap((stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(stacks, stack, 'cdk.tf.json'), 'utf8'));
    const blocks = [
      ...Object.entries(json.resource ?? {}).map(([t, byName]) => [t, byName] as const),
      ...Object.entries(json.data ?? {}).map(([t, byName]) => [`data.${t}`, byName] as const),
    ];
    return blocks.flatMap(([type, byName]) =>
      Object.values(byName as Record<string, any>).flatMap((body) => {
        // stack/construct/part: a resource of one of our constructs.
        const ours = String(body['//']?.metadata?.path ?? '').split('/').length > 2;
        if (ours) return jsonUses(type, body, () => true);
        const block = SET_ON_USER_RESOURCES[type];
        return block
          ? jsonUses(type, body, (p) => p === block || p.startsWith(`${block}.`)).filter((u) => u.path !== '')
          : [];
      }),
    );
  });
}

let uses: Use[];
beforeAll(() => {
  const seen = new Map<string, Use>();
  // terraform_data is Terraform's own resource, not the provider's.
  for (const u of [...hclUses, ...constructUses()])
    if (/^(data\.)?aws_/.test(u.type)) seen.set(`${u.type} ${u.path}`, u);
  uses = [...seen.values()];
});

test('the bindings are the provider releases this test claims', () => {
  expect(providerVersion(V5)).toBe('5.100.0');
  expect(providerVersion(V6)).toBe('6.25.0');
});

test("the reader finds every argument the modules and constructs set in the 5.x bindings (so a miss below is the provider's)", () => {
  expect(hclUses.length).toBeGreaterThan(100);
  expect(
    uses
      .filter((u) => u.type === 'aws_lambda_function')
      .map((u) => u.path)
      .sort(),
  ).toEqual(['file_system_config.arn', 'file_system_config.local_mount_path']);
  expect(
    uses.some(
      (u) =>
        u.type === 'aws_ecs_task_definition' &&
        u.path === 'volume.efs_volume_configuration.authorization_config.access_point_id',
    ),
  ).toBe(true);
  expect(incompatibilities(uses, v5, v5)).toEqual([]);
});

test('AWS provider 6.25.0 has every resource type, argument and block they set, each with its 5.100.0 type', () => {
  expect(incompatibilities(uses, v5, v6)).toEqual([]);
});

test('every regional resource type they use gains a region argument in 6.x that 5.100.0 lacks, so the modules cannot set it and still run on 5.x', () => {
  const types = [...new Set(uses.map((u) => u.type))].filter((t) => t.startsWith('aws_'));
  expect(types.filter((t) => v5(t)!.has('region'))).toEqual([]);
  // IAM is global: its resources take no region in 6.x either.
  expect(types.filter((t) => !v6(t)!.has('region')).sort()).toEqual([
    'aws_iam_role',
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
  ]);
  expect(types.length).toBeGreaterThan(10);
});

describe('the check fails when 6.x loses what we use', () => {
  const source = fs.readFileSync(path.join(V6, 'lib', 'efs-file-system', 'index.js'), 'utf8');
  const doctored = (text: string) => {
    const { schema } = parseBindingSource(text);
    return (type: string) => (type === 'aws_efs_file_system' ? schema : v6(type));
  };

  test('an argument renamed in the generated source', () => {
    const renamed = doctored(source.split('transition_to_ia: {').join('transition_to_infrequent_access: {'));
    expect(incompatibilities(uses, v5, renamed)).toEqual([
      'aws_efs_file_system lifecycle_policy.transition_to_ia: removed or renamed',
    ]);
  });

  test('an argument whose type changes', () => {
    const retyped = source.replace(
      /(encrypted: \{\s*value: [^\n]*,\s*isBlock: false,\s*type: "simple",\s*storageClassType: )"boolean"/,
      '$1"string"',
    );
    expect(retyped).not.toBe(source);
    expect(incompatibilities(uses, v5, doctored(retyped))).toEqual([
      'aws_efs_file_system encrypted: argument simple/boolean became argument simple/string',
    ]);
  });

  test('a nested block removed', () => {
    const removed = doctored(source.replace(/ {12}protection: \{\s*value: [^\n]*,\s*isBlock: true,[^}]*\},\n/, ''));
    expect(incompatibilities(uses, v5, removed)).toEqual([
      'aws_efs_file_system protection.replication_overwrite: removed or renamed',
      'aws_efs_file_system protection: removed or renamed',
    ]);
  });

  test('the argument 6.0 really removed from a resource type we use (aws_ecs_task_definition inference_accelerator), were we to set it', () => {
    const withRemoved = [...uses, { type: 'aws_ecs_task_definition', path: 'inference_accelerator.device_name' }];
    expect(incompatibilities(withRemoved, v5, v6)).toEqual([
      'aws_ecs_task_definition inference_accelerator.device_name: removed or renamed',
      'aws_ecs_task_definition inference_accelerator: removed or renamed',
    ]);
  });

  test('a resource type removed', () => {
    const gone = (type: string) => (type === 'aws_efs_mount_target' ? undefined : v6(type));
    expect(incompatibilities(uses, v5, gone)).toEqual(['aws_efs_mount_target: removed']);
  });
});
