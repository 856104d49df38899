/**
 * efs-filesystem: the file system itself (lifecycle policies, birth tag), the witness
 * `terraform_data.module_created`, the replacement guard that refuses a surprise replacement,
 * and the backup policy (AWS Backup's automatic backups on or off).
 */
import { EfsBackupPolicy } from '@cdktf/provider-aws/lib/efs-backup-policy';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { DataResource } from '../../cdktf';
import { addDynamic, anyMap, bool, num, stringMap } from '../../core/blocks';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';
import { birthTag, bornTag, keepBirthTag } from './birth-tag';

/** Settings that cannot change on an existing file system: a new value replaces it. */
const IMMUTABLE_SETTINGS: readonly EfsFilesystemInput[] = [
  'encrypted',
  'kms_key_arn',
  'performance_mode',
  'availability_zone_name',
  'creation_token',
];

export interface FileSystemResources {
  readonly fileSystem: EfsFileSystem;
  /** Witness of the plan that created the module: its input is that plan's timestamp. */
  readonly moduleCreated: DataResource;
}

export function buildFileSystem(ctx: BuildContext<EfsFilesystemInput>): FileSystemResources {
  const { scope, in: v } = ctx;
  const transitions = ctx.local(
    'lifecycle_transitions',
    ex(`{ for name, when in ${v('lifecycle_policy')} : name => when if when != null }`),
  );

  // Where the rules plan time checks go. The HCL module keeps its cross-input preconditions on the
  // file system. A construct's deferred rules (props that are tokens) go on the witness, which
  // depends on nothing: the file system waits for its security group (the guard reads its tag),
  // and a value the provider rejects there would hide every message on the file system.
  const rulesAtPlan = ctx.preconditions();
  const moduleCreated = ctx.named(
    new DataResource(scope, 'module_created', {
      input: anyMap(ex('plantimestamp()')),
      lifecycle: { ignoreChanges: ['input'], precondition: ctx.mode === 'construct' ? rulesAtPlan : [] },
    }),
    'module_created',
  );
  ctx.explain(
    moduleCreated,
    'Witness of the replacement guard on aws_efs_file_system.this: its input is the timestamp of the plan ' +
      'that created the module, kept by ignore_changes. The guard reads input, not output: a new ' +
      "terraform_data's output is unknown until apply, and a condition that is unknown is only checked after the apply.",
  );

  const fileSystem = ctx.named(
    new EfsFileSystem(scope, 'file_system', {
      encrypted: bool(ex(v('encrypted'))),
      kmsKeyId: ex(v('kms_key_arn')),
      performanceMode: ex(v('performance_mode')),
      throughputMode: ex(v('throughput_mode')),
      provisionedThroughputInMibps: num(ex(v('provisioned_throughput_in_mibps'))),
      availabilityZoneName: ex(v('availability_zone_name')),
      creationToken: ex(v('creation_token')),
      tags: stringMap(ex(`merge(${v('tags')}, { Name = ${v('name')} }, ${birthTag})`)),
      lifecycle: { ignoreChanges: keepBirthTag, precondition: ctx.mode === 'module' ? rulesAtPlan : [] },
    }),
    'this',
  );
  addDynamic(fileSystem, 'lifecycle_policy', {
    forEach: ex(transitions),
    content: {
      transition_to_ia: ex('lifecycle_policy.key == "transition_to_ia" ? lifecycle_policy.value : null'),
      transition_to_archive: ex('lifecycle_policy.key == "transition_to_archive" ? lifecycle_policy.value : null'),
      transition_to_primary_storage_class: ex(
        'lifecycle_policy.key == "transition_to_primary_storage_class" ? lifecycle_policy.value : null',
      ),
    },
  });
  addDynamic(fileSystem, 'protection', {
    forEach: ex(`${v('replication_overwrite_protection')} == null ? [] : [${v('replication_overwrite_protection')}]`),
    content: { replication_overwrite: ex('protection.value') },
  });
  ctx.explain(
    fileSystem,
    'One lifecycle_policy block per transition: the API rejects two transitions in one block. ' +
      'No protection block unless replication_overwrite_protection is set: AWS keeps its own default (ENABLED).',
  );
  return { fileSystem, moduleCreated };
}

/**
 * Nothing lost by surprise (docs/design/replacement-guard.md): a postcondition on the file system that fails the
 * plan, before anything is applied, when the plan would replace the file system without the
 * user's permission. Needs the security group, whose birth tag is the second witness when the
 * module creates it (count = 1); without it `terraform_data.module_created` is the only witness.
 */
export function guardReplacement(
  ctx: BuildContext<EfsFilesystemInput>,
  { fileSystem, moduleCreated }: FileSystemResources,
  securityGroup: SecurityGroup,
): void {
  const v = ctx.in;
  const allowReplacement = v('allow_file_system_replacement');
  const permission =
    ctx.mode === 'module'
      ? 'set allow_file_system_replacement = true for the apply that replaces it'
      : 'give it removalPolicy: RemovalPolicy.DESTROY (allowFileSystemReplacement: true) for the deploy that replaces it';
  const refusedBecause =
    ctx.mode === 'module'
      ? 'allow_file_system_replacement is false'
      : 'removalPolicy is RETAIN (allowFileSystemReplacement is false)';
  const requested = IMMUTABLE_SETTINGS.map((name) => `${ctx.spell(name)} = \${jsonencode(${v(name)})}`).join(', ');

  // Checked at plan time: every value it reads is known then. A witness that is new too means
  // the whole module is new (first apply) and the file system is simply created.
  const notReplaced =
    `${bornTag('self.tags')} != plantimestamp() || ` +
    `(${ctx.address(moduleCreated)}.input == plantimestamp() && ` +
    `alltrue([for group in ${ctx.address(securityGroup)} : ${bornTag('group.tags')} == plantimestamp()]))`;
  const token = v('creation_token');
  const tokenWitness = ctx.named(
    new DataResource(ctx.scope, 'creation_token_witness', {
      // Always there, as terraform_data.module_created: deleting it (a count going to 0) in a plan
      // that replaces the file system create-before-destroy would make a cycle.
      input: anyMap(ex(token)),
      lifecycle: { ignoreChanges: ['input'] },
    }),
    'creation_token',
  );
  ctx.explain(
    tokenWitness,
    'The creation_token the file system was created with (ignore_changes keeps it; null without one). An ' +
      'allowed replacement is create-before-destroy, so the new file system is created while the old one ' +
      'holds its token, and EFS refuses a token in use: the guard refuses such a plan when the token is ' +
      'the one recorded here, and lets a replacement for a new token through.',
  );
  const tokenKept = `${ctx.address(tokenWitness)}.input == ${token}`;
  fileSystem.lifecycle = {
    ...fileSystem.lifecycle,
    postcondition: [
      {
        condition: ex(`${allowReplacement} || ${notReplaced}`),
        errorMessage:
          `${refusedBecause}, and this plan would replace the file system "\${${v('name')}}" and destroy its data: ` +
          `${IMMUTABLE_SETTINGS.map(ctx.spell)
            .join(', ')
            .replace(/, ([^,]+)$/, ' and $1')} cannot change on an existing file system ` +
          `(the configuration asks for ${requested}), and -replace or a file system missing from the state re-creates it empty. ` +
          `Keep the settings it has, or ${permission}. ` +
          `The plan above marks the attribute that forces the replacement with "# forces replacement".`,
      },
      {
        // An allowed replacement is create-before-destroy (the access points' lifecycle, which
        // Terraform extends to the file system): the new file system is created while the old one
        // still holds the token, and EFS refuses a token in use (FileSystemAlreadyExists) during
        // apply. Holds when the replacement is refused anyway, so one mistake gets one message, and
        // for a new token (the witness keeps the one the file system was created with).
        condition: ex(`!${allowReplacement} || ${token} == null || !(${tokenKept}) || ${notReplaced}`),
        errorMessage:
          `${ctx.spell('creation_token')} is \${jsonencode(${token})}, and this plan replaces the file system "\${${v('name')}}" create-before-destroy (its access points need it): ` +
          `the new file system would be created while the old one still holds the token, and EFS refuses a second file system with a token in use. ` +
          `Leave ${ctx.spell('creation_token')} out for the apply that replaces it (the new file system gets a token of its own), or give a new one.`,
      },
    ],
  };
  ctx.explain(
    fileSystem,
    'Replacement guard. The file system and its security group carry a birth tag, the timestamp of the plan ' +
      'that created them; ignore_changes keeps it on every update. Terraform plans a create or a replacement ' +
      'from the configuration alone, so the planned tag equals plantimestamp() exactly when this plan creates ' +
      'or replaces the resource, and that is known at plan time. A file system born in this plan while ' +
      'terraform_data.module_created or the security group is older is a replacement: the postcondition ' +
      'fails the plan before anything is applied. When every witness is new, the module is new and the ' +
      'file system is simply created. The security group is a witness only when the module creates it ' +
      '(alltrue over its instances is true without one).',
  );
}

export function buildBackupPolicy(ctx: BuildContext<EfsFilesystemInput>, fileSystem: EfsFileSystem): void {
  ctx.named(
    new EfsBackupPolicy(ctx.scope, 'backup_policy', {
      fileSystemId: fileSystem.id,
      backupPolicy: { status: ex(`${ctx.in('backup_enabled')} ? "ENABLED" : "DISABLED"`) },
    }),
    'this',
  );
}
