/**
 * Construct mode writes each prop where the resources read it: the synthesized JSON of every
 * example stack holds the values themselves, with no `local.<construct>_inputs` between the props
 * and the resources, and nothing left as an interpolation of a constant (`${"elastic"}`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, synthApp } from '../support/examples';

const stacks = readdirSync(join(synthApp(), 'stacks')).sort();
const config = (stack: string): Record<string, any> =>
  JSON.parse(readFileSync(join(synthApp(), 'stacks', stack, 'cdk.tf.json'), 'utf8'));
const only = (json: Record<string, any>, type: string): Record<string, any> => {
  const blocks = Object.values(json.resource[type] ?? {});
  expect(blocks).toHaveLength(1);
  return blocks[0] as Record<string, any>;
};

/** Every string of a JSON value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

/** `${"text"}`, `${true}`, `${42}`, `${null}`: a constant written as an expression. */
const CONSTANT_INTERPOLATION = /^\$\{("([^"\\$]|\\.)*"|true|false|null|-?\d+(\.\d+)?)\}$/;

test('main.ts synthesizes every example stack (each examples/**/stack.ts is one)', () => {
  const examples = readdirSync(join(ROOT, 'examples'), { recursive: true }).filter((f) =>
    String(f).endsWith('stack.ts'),
  );
  expect(stacks).toHaveLength(examples.length);
  expect(stacks).toEqual(expect.arrayContaining(['efs-filesystem-basic', 'lambda', 'ecs', 'complete']));
});

describe.each(stacks)('stack %s', (stack) => {
  test('has no inputs local, and nothing reads one', () => {
    const json = config(stack);
    expect(Object.keys(json.locals ?? {}).filter((name) => name.endsWith('_inputs'))).toEqual([]);
    expect(strings(json).filter(([, s]) => /local\.\w+_inputs\b/.test(s))).toEqual([]);
  });

  test('writes no constant as an interpolation', () => {
    expect(strings(config(stack)).filter(([, s]) => CONSTANT_INTERPOLATION.test(s))).toEqual([]);
  });
});

describe('examples/efs-filesystem/basic shows its props on the resources', () => {
  const json = () => config('efs-filesystem-basic');

  test('the file system: the secure defaults, as values', () => {
    expect(only(json(), 'aws_efs_file_system')).toMatchObject({
      encrypted: true,
      performance_mode: 'generalPurpose',
      throughput_mode: 'elastic',
      tags: expect.stringContaining('Name = "basic"'),
    });
  });

  test('the mount targets: one per zone, the subnet IDs written out', () => {
    expect(only(json(), 'aws_efs_mount_target').for_each).toEqual({
      'us-east-1a': { subnet_id: 'subnet-0123456789abcdef0', ip_address: null },
      'us-east-1b': { subnet_id: 'subnet-0123456789abcdef1', ip_address: null },
    });
  });

  test('the security group: in the given VPC, named after the file system', () => {
    expect(only(json(), 'aws_security_group')).toMatchObject({
      count: 1,
      vpc_id: 'vpc-0123456789abcdef0',
      name_prefix: '${local.efs_security_group_name}-',
    });
    expect(json().locals.efs_security_group_name).toBe('basic-efs');
  });

  test('the backup policy: on', () => {
    expect(only(json(), 'aws_efs_backup_policy').backup_policy).toEqual({ status: 'ENABLED' });
  });
});

test('a prop given as a token is written as its own expression (examples/lambda: the VPC the stack creates)', () => {
  const group = Object.values(config('lambda').resource.aws_security_group as Record<string, any>).find(
    (g) => typeof g.count === 'number',
  );
  expect(group?.vpc_id).toMatch(/^\$\{aws_vpc\.\w+\.id\}$/);
});
