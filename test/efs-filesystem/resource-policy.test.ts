/**
 * EfsFilesystem's policy, replication and creation token props at synth time, and
 * addToResourcePolicy: a policy_statements entry added in code, checked by the spec's rules (at
 * synth, or at plan for token fields).
 */
import { App, TerraformStack, TerraformVariable } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, PolicyStatement } from '../../src';
import { preconditionMessages, synthStack, thrown } from '../support/synth';

const PROPS: EfsFilesystemProps = {
  name: 'files',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};
const ROLE = 'arn:aws:iam::111122223333:role/app';
const MOUNT_FOR_ROLE: PolicyStatement = {
  sid: 'AppMounts',
  effect: 'Allow',
  actions: ['elasticfilesystem:ClientMount'],
  principals: [{ type: 'AWS', identifiers: [ROLE] }],
};

const only = (byName: Record<string, any> | undefined): any => Object.values(byName ?? {})[0];

const newFileSystem = (props: Partial<EfsFilesystemProps> = {}) =>
  new EfsFilesystem(new TerraformStack(new App(), 'test'), 'efs', { ...PROPS, ...props });

describe('props', () => {
  test("a statement's fields left out are null (principals: everyone, resources: the file system, in the build)", () => {
    const json = synthStack(
      (s) =>
        new EfsFilesystem(s, 'efs', {
          ...PROPS,
          policyStatements: [{ sid: 'NoWrite', effect: 'Deny', notActions: ['elasticfilesystem:ClientMount'] }],
        }),
    );
    // The statements are written where the statement list reads policy_statements, last.
    expect(json.locals.efs_file_system_policy_statements).toMatch(
      /, \[\{ sid = "NoWrite", effect = "Deny", actions = null, not_actions = \["elasticfilesystem:ClientMount"\], principals = null, not_principals = null, resources = null, conditions = \[\] \}\]\)\}$/,
    );
  });

  test('the policy document writes not_actions, not_principals, resources and the merged documents', () => {
    const json = synthStack((s) => new EfsFilesystem(s, 'efs', PROPS));
    const document = only(json.data.aws_iam_policy_document);
    expect(document.source_policy_documents).toEqual([]);
    expect(document.override_policy_documents).toEqual([]);
    const content = document.dynamic.statement.content;
    expect(content.not_actions).toBe('${statement.value.not_actions}');
    expect(content.resources).toContain('statement.value.resources == null');
    expect(Object.keys(content.dynamic)).toEqual(expect.arrayContaining(['principals', 'not_principals', 'condition']));
  });

  test('allowAccessViaMountTargets false with an Allow of ClientMount synthesizes, and the statements local reads the flag', () => {
    const json = synthStack(
      (s) =>
        new EfsFilesystem(s, 'efs', {
          ...PROPS,
          allowAccessViaMountTargets: false,
          policyStatements: [MOUNT_FOR_ROLE],
        }),
    );
    expect(json.locals.efs_file_system_policy_statements).toContain(
      '[for statement in [local.efs_allow_mount_statement] : statement if false]',
    );
  });

  test('allowAccessViaMountTargets false with an Allow whose notActions leave ClientMount in synthesizes', () => {
    const allowAllButRoot: PolicyStatement = {
      sid: 'AllButRoot',
      effect: 'Allow',
      notActions: ['elasticfilesystem:ClientRootAccess'],
      principals: [{ type: 'AWS', identifiers: [ROLE] }],
    };
    expect(() =>
      newFileSystem({ allowAccessViaMountTargets: false, policyStatements: [allowAllButRoot] }),
    ).not.toThrow();
    const excludingMount: PolicyStatement = { ...allowAllButRoot, notActions: ['elasticfilesystem:Client*'] };
    expect(
      thrown(() => newFileSystem({ allowAccessViaMountTargets: false, policyStatements: [excludingMount] })).message,
    ).toContain('or whose notActions do not exclude it');
  });

  test('allowAccessViaMountTargets false without an Allow of ClientMount throws, naming the prop and the way out', () => {
    const error = thrown(() => newFileSystem({ allowAccessViaMountTargets: false }));
    expect(error.message).toContain(
      'allowAccessViaMountTargets is false and no statement of policyStatements is an Allow',
    );
    expect(error.message).toContain('no client could mount');
  });

  test('creationToken and replicationOverwriteProtection reach the file system; protection is a block only when set', () => {
    const json = synthStack(
      (s) =>
        new EfsFilesystem(s, 'efs', {
          ...PROPS,
          creationToken: 'shared-files',
          replicationOverwriteProtection: 'DISABLED',
        }),
    );
    const fs = only(json.resource.aws_efs_file_system);
    expect(fs.creation_token).toBe('shared-files');
    expect(fs.dynamic.protection.for_each).toEqual(['DISABLED']);
    const unset = only(synthStack((s) => new EfsFilesystem(s, 'efs', PROPS)).resource.aws_efs_file_system);
    expect(unset.dynamic.protection.for_each).toEqual([]);
  });

  test('replication.fileSystemId is the destination file system', () => {
    const json = synthStack(
      (s) =>
        new EfsFilesystem(s, 'efs', {
          ...PROPS,
          replication: { region: 'us-west-2', fileSystemId: 'fs-0123456789abcdef1' },
        }),
    );
    expect(only(json.resource.aws_efs_replication_configuration).for_each).toEqual({
      replica: {
        region: 'us-west-2',
        file_system_id: 'fs-0123456789abcdef1',
        availability_zone_name: null,
        kms_key_arn: null,
      },
    });
    expect(only(json.resource.aws_efs_replication_configuration).destination.file_system_id).toBe(
      '${each.value.file_system_id}',
    );
  });
});

describe('addToResourcePolicy', () => {
  test('appends the statement to policyStatements, defaults applied, and returns its index', () => {
    let index = -1;
    const json = synthStack((s) => {
      const efs = new EfsFilesystem(s, 'efs', { ...PROPS, policyStatements: [MOUNT_FOR_ROLE] });
      index = efs.addToResourcePolicy({
        sid: 'NoRootForApp',
        effect: 'Deny',
        actions: ['elasticfilesystem:ClientRootAccess'],
        principals: [{ type: 'AWS', identifiers: [ROLE] }],
      });
    });
    expect(index).toBe(1);
    const statements: string = json.locals.efs_file_system_policy_statements;
    expect(statements.indexOf('sid = "AppMounts"')).toBeGreaterThan(0);
    expect(statements.indexOf('sid = "NoRootForApp"')).toBeGreaterThan(statements.indexOf('sid = "AppMounts"'));
    expect(statements).toContain(
      '{ sid = "NoRootForApp", effect = "Deny", actions = ["elasticfilesystem:ClientRootAccess"], not_actions = null, ' +
        `principals = [{ type = "AWS", identifiers = ["${ROLE}"] }], not_principals = null, resources = null, conditions = [] }`,
    );
  });

  test('refuses a Deny that would lock every client out, naming the entry it would be', () => {
    const efs = newFileSystem({ policyStatements: [MOUNT_FOR_ROLE] });
    const error = thrown(() =>
      efs.addToResourcePolicy({ sid: 'Lockdown', effect: 'Deny', actions: ['elasticfilesystem:*'] }),
    );
    expect(error.message).toContain('EfsFilesystem "test/efs" addToResourcePolicy');
    expect(error.message).toContain('must not deny ClientMount without a condition');
    expect(error.message).toContain('(got policyStatements[1] denies ["elasticfilesystem:*"])');
  });

  test('refuses a statement with both actions and notActions, and adds nothing', () => {
    const efs = newFileSystem();
    const error = thrown(() =>
      efs.addToResourcePolicy({
        sid: 'Both',
        effect: 'Allow',
        actions: ['elasticfilesystem:ClientMount'],
        notActions: ['elasticfilesystem:ClientWrite'],
      }),
    );
    expect(error.message).toContain('every policyStatements entry must have exactly one of actions and notActions');
    expect(error.message).toContain(
      '(got policyStatements[0] with actions, notActions, no principals, no notPrincipals)',
    );
    expect(efs.addToResourcePolicy({ sid: 'Fine', effect: 'Allow', actions: ['elasticfilesystem:ClientMount'] })).toBe(
      0,
    );
  });

  test('a token action is checked at plan time, with the same words', () => {
    const json = synthStack((s) => {
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      const action = new TerraformVariable(s, 'action', { type: 'string' });
      efs.addToResourcePolicy({ sid: 'FromVariable', effect: 'Deny', actions: [action.stringValue] });
    });
    expect(preconditionMessages(json).some((m) => m.includes('must not deny ClientMount without a condition'))).toBe(
      true,
    );
  });
});
