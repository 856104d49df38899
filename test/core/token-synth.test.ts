/**
 * What construct mode does with token-valued props at synth time: which rules it renders for
 * plan time (each once, none decided already), which it still decides now (one token given
 * twice where values must differ), and that a rule across inputs stays quiet when one of its
 * inputs already failed its own rule. No terraform here; test/core/token-rules.test.ts plans.
 */
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { TerraformVariable } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, EfsMountEcs, type ThroughputMode } from '../../src';
import { FILE_SYSTEM_PROP as FS, synthStack as synth, thrown } from '../support/synth';

const PROPS: EfsFilesystemProps = {
  name: 'files',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};
/**
 * The preconditions a file system construct renders for plan time: on its witness
 * (`terraform_data`), which depends on nothing, so a value the provider rejects elsewhere
 * cannot hide them.
 */
function planTimeRules(json: Record<string, any>): { condition: string; error_message: string }[] {
  const [fs] = Object.values(json.resource.aws_efs_file_system) as any[];
  expect(fs.lifecycle.precondition ?? []).toEqual([]);
  const [, witness] = Object.entries(json.resource.terraform_data as Record<string, any>).find(([name]) =>
    name.includes('module_created'),
  )!;
  return witness.lifecycle.precondition ?? [];
}

/** The error messages of the preconditions rendered for the (only) file system. */
function fileSystemPreconditions(json: Record<string, any>): string[] {
  return planTimeRules(json).map((p) => p.error_message);
}

/** The replacement guard's postconditions, which every file system has whatever its props. */
const GUARD = /^removalPolicy is RETAIN \(allowFileSystemReplacement is false\)/;
// creationToken is a literal here, so its value is folded into the text.
const TOKEN_GUARD = /^creationToken is null, and this plan replaces the file system/;

describe('rules rendered for plan time', () => {
  test('literal props that pass render no rule, only the replacement guard', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
    expect(fileSystemPreconditions(json)).toEqual([]);
    const [fs] = Object.values(json.resource.aws_efs_file_system) as any[];
    expect(fs.lifecycle.postcondition.map((p: { error_message: string }) => p.error_message)).toEqual([
      expect.stringMatching(GUARD),
      expect.stringMatching(TOKEN_GUARD),
    ]);
  });

  test("a token prop renders each rule that reads it, once, reading the token's own expression", () => {
    const json = synth((s) => {
      const mibps = new TerraformVariable(s, 'mibps', { type: 'number' });
      new EfsFilesystem(s, 'efs', {
        ...PROPS,
        throughputMode: 'provisioned',
        provisionedThroughputInMibps: mibps.numberValue,
      });
    });
    const rules = planTimeRules(json);
    // The range rule (one input) and the rule tying it to throughputMode (two), nothing else.
    expect(rules.map((p: { error_message: string }) => p.error_message.split(' (got')[0])).toEqual([
      'provisionedThroughputInMibps must be from 1 to 3414 MiB/s',
      'provisionedThroughputInMibps must be set when throughputMode is "provisioned", and only then',
    ]);
    for (const p of rules) {
      expect(p.condition).toContain('var.mibps');
      expect(p.condition).not.toContain('local.');
    }
    const [fs] = Object.values(json.resource.aws_efs_file_system) as any[];
    expect(fs.provisioned_throughput_in_mibps).toBe('${var.mibps}');
  });

  test('a token prop of a mount renders the rules that read it on its checks holder (terraform_data.input_checks, which exists with or without its own access point)', () => {
    const json = synth((s) => {
      const dir = new TerraformVariable(s, 'dir', { type: 'string' });
      new EfsMountEcs(s, 'data', {
        fileSystem: FS,
        name: 'data',
        rootDirectory: dir.stringValue,
        taskRoleName: 'data-task',
      });
    });
    const [checks] = Object.values(json.resource.terraform_data) as any[];
    expect(checks.lifecycle.precondition.map((p: { error_message: string }) => p.error_message.split(' ')[0])).toEqual([
      'rootDirectory',
      'rootDirectory',
      'rootDirectory',
    ]);
  });
});

describe('the same token twice where values must differ', () => {
  test('two mount targets in one subnet token fail at synth, naming the construct and the prop', () => {
    const error = thrown(() =>
      synth((s) => {
        const a = new Subnet(s, 'a', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/24' });
        new EfsFilesystem(s, 'efs', { ...PROPS, mountTargets: { a: { subnetId: a.id }, b: { subnetId: a.id } } });
      }),
    );
    expect(error.message).toBe(
      'EfsFilesystem "test/efs" has invalid props:\n' +
        '  - mountTargets must not place two mount targets in the same subnet (got subnets ["${aws_subnet.a.id}", "${aws_subnet.a.id}"]); give each entry a subnet in a different Availability Zone.',
    );
  });

  test('two different subnet tokens pass synth, and plan time checks their values', () => {
    const json = synth((s) => {
      const a = new Subnet(s, 'a', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/24' });
      const b = new Subnet(s, 'b', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' });
      new EfsFilesystem(s, 'efs', { ...PROPS, mountTargets: { a: { subnetId: a.id }, b: { subnetId: b.id } } });
    });
    expect(
      fileSystemPreconditions(json).filter((m) => m.startsWith('mountTargets must not place two mount targets')),
    ).toHaveLength(1);
  });

  test('two mounts given one volume name token on one task definition fail at synth', () => {
    const error = thrown(() =>
      synth((s) => {
        const volume = new TerraformVariable(s, 'volume', { type: 'string' });
        const task = new EcsTaskDefinition(s, 'task', {
          family: 'app',
          containerDefinitions: '[]',
          taskRoleArn: 'arn:aws:iam::111122223333:role/app',
        });
        new EfsMountEcs(s, 'data', {
          fileSystem: FS,
          taskDefinition: task,
          name: 'data',
          volumeName: volume.stringValue,
        });
        new EfsMountEcs(s, 'logs', {
          fileSystem: FS,
          taskDefinition: task,
          name: 'logs',
          volumeName: volume.stringValue,
          rootDirectory: '/logs',
        });
      }),
    );
    expect(error.message).toBe(
      'EfsMountEcs "test/logs" has invalid props:\n' +
        '  - taskDefinition (test/task) already has a volume named "${var.volume}": give each mount its own volumeName.',
    );
  });

  test('two mounts named by one token, without volume names, fail at synth too', () => {
    expect(() =>
      synth((s) => {
        const name = new TerraformVariable(s, 'name', { type: 'string' });
        const task = new EcsTaskDefinition(s, 'task', {
          family: 'app',
          containerDefinitions: '[]',
          taskRoleArn: 'arn:aws:iam::111122223333:role/app',
        });
        new EfsMountEcs(s, 'data', { fileSystem: FS, taskDefinition: task, name: name.stringValue });
        new EfsMountEcs(s, 'logs', {
          fileSystem: FS,
          taskDefinition: task,
          name: name.stringValue,
          rootDirectory: '/logs',
        });
      }),
    ).toThrow('already has a volume named "${replace(var.name, \\".\\", \\"-\\")}"');
  });
});

test('a misspelt throughput mode is the only problem reported, not the rules that read it', () => {
  const error = thrown(() =>
    synth(
      (s) =>
        new EfsFilesystem(s, 'efs', {
          ...PROPS,
          throughputMode: 'provisoned' as string as ThroughputMode,
          provisionedThroughputInMibps: 100,
        }),
    ),
  );
  expect(error.problems).toEqual(['throughputMode must be "elastic", "provisioned" or "bursting" (got "provisoned").']);
});
