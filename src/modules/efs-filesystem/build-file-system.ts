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
import {
  and,
  call,
  eq,
  forEach,
  forMap,
  get,
  cond,
  isNull,
  iteratorOf,
  lit,
  ne,
  not,
  obj,
  or,
  ref,
  template,
  text,
  oneIfSet,
} from '../../core/expr';
import type { EfsFilesystemContext, EfsFilesystemInput } from './spec';
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

export function buildFileSystem(ctx: EfsFilesystemContext): FileSystemResources {
  const { scope, input: v } = ctx;
  const transitions = ctx.local(
    'lifecycle_transitions',
    forMap(
      v('lifecycle_policy'),
      (name, when) => [name, when],
      (_name, when) => ne(when, lit(null)),
      ['name', 'when'],
    ),
  );

  // Where the rules plan time checks go. The HCL module keeps its cross-input preconditions on the
  // file system. A construct's deferred rules (props that are tokens) go on the witness, which
  // depends on nothing: the file system waits for its security group (the guard reads its tag),
  // and a value the provider rejects there would hide every message on the file system.
  const rulesAtPlan = ctx.preconditions();
  const moduleCreated = ctx.named(
    new DataResource(scope, 'module_created', {
      input: anyMap(ctx.tf(call('plantimestamp'))),
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
      encrypted: bool(ctx.tf(v('encrypted'))),
      kmsKeyId: ctx.tf(v('kms_key_arn')),
      performanceMode: ctx.tf(v('performance_mode')),
      throughputMode: ctx.tf(v('throughput_mode')),
      provisionedThroughputInMibps: num(ctx.tf(v('provisioned_throughput_in_mibps'))),
      availabilityZoneName: ctx.tf(v('availability_zone_name')),
      creationToken: ctx.tf(v('creation_token')),
      tags: stringMap(ctx.tf(call('merge', v('tags'), obj({ Name: v('name') }), birthTag))),
      lifecycle: { ignoreChanges: keepBirthTag, precondition: ctx.mode === 'module' ? rulesAtPlan : [] },
    }),
    'this',
  );
  const transition = iteratorOf('lifecycle_policy', transitions);
  const only = (name: string) => ctx.tf(cond(eq(transition.key, lit(name)), transition.value, lit(null)));
  addDynamic(fileSystem, 'lifecycle_policy', {
    forEach: ctx.tf(transitions),
    content: {
      transition_to_ia: only('transition_to_ia'),
      transition_to_archive: only('transition_to_archive'),
      transition_to_primary_storage_class: only('transition_to_primary_storage_class'),
    },
  });
  const overwriteProtection = v('replication_overwrite_protection');
  const protections = oneIfSet(overwriteProtection);
  addDynamic(fileSystem, 'protection', {
    forEach: ctx.tf(protections),
    content: { replication_overwrite: ctx.tf(iteratorOf('protection', protections).value) },
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
  ctx: EfsFilesystemContext,
  { fileSystem, moduleCreated }: FileSystemResources,
  securityGroup: SecurityGroup,
): void {
  const v = ctx.input;
  const allowReplacement = v('allow_file_system_replacement');
  const permission =
    ctx.mode === 'module'
      ? 'set allow_file_system_replacement = true for the apply that replaces it'
      : 'give it removalPolicy: RemovalPolicy.DESTROY (allowFileSystemReplacement: true) for the deploy that replaces it';
  const refusedBecause =
    ctx.mode === 'module'
      ? 'allow_file_system_replacement is false'
      : 'removalPolicy is RETAIN (allowFileSystemReplacement is false)';
  const requested = text(
    ...IMMUTABLE_SETTINGS.flatMap((name, i) => [
      `${i === 0 ? '' : ', '}${ctx.spell(name)} = `,
      call('jsonencode', v(name)),
    ]),
  );

  // Checked at plan time: every value it reads is known then. A witness that is new too means
  // the whole module is new (first apply) and the file system is simply created.
  const now = call('plantimestamp');
  const notReplaced = or(
    ne(bornTag(get(ref('self'), 'tags')), now),
    and(
      eq(get(ctx.ref(moduleCreated), 'input'), now),
      call(
        'alltrue',
        forEach(ctx.ref(securityGroup), (_i, group) => eq(bornTag(get(group, 'tags')), now), undefined, ['i', 'group']),
      ),
    ),
  );
  const token = v('creation_token');
  const tokenWitness = ctx.named(
    new DataResource(ctx.scope, 'creation_token_witness', {
      // Always there, as terraform_data.module_created: deleting it (a count going to 0) in a plan
      // that replaces the file system create-before-destroy would make a cycle.
      input: anyMap(ctx.tf(token)),
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
  const tokenKept = eq(get(ctx.ref(tokenWitness), 'input'), token);
  const settings = IMMUTABLE_SETTINGS.map(ctx.spell)
    .join(', ')
    .replace(/, ([^,]+)$/, ' and $1');
  fileSystem.lifecycle = {
    ...fileSystem.lifecycle,
    postcondition: [
      {
        condition: ctx.tf(or(allowReplacement, notReplaced)),
        errorMessage: ctx.text(
          template`${refusedBecause}, and this plan would replace the file system "${v('name')}" and destroy its data: ${settings} cannot change on an existing file system (the configuration asks for ${requested}), and -replace or a file system missing from the state re-creates it empty. Keep the settings it has, or ${permission}. The plan above marks the attribute that forces the replacement with "# forces replacement".`,
        ),
      },
      {
        // An allowed replacement is create-before-destroy (the access points' lifecycle, which
        // Terraform extends to the file system): the new file system is created while the old one
        // still holds the token, and EFS refuses a token in use (FileSystemAlreadyExists) during
        // apply. Holds when the replacement is refused anyway, so one mistake gets one message, and
        // for a new token (the witness keeps the one the file system was created with).
        condition: ctx.tf(or(not(allowReplacement), isNull(token), not(tokenKept), notReplaced)),
        errorMessage: ctx.text(
          template`${ctx.spell('creation_token')} is ${call('jsonencode', token)}, and this plan replaces the file system "${v('name')}" create-before-destroy (its access points need it): the new file system would be created while the old one still holds the token, and EFS refuses a second file system with a token in use. Leave ${ctx.spell('creation_token')} out for the apply that replaces it (the new file system gets a token of its own), or give a new one.`,
        ),
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

export function buildBackupPolicy(ctx: EfsFilesystemContext, fileSystem: EfsFileSystem): void {
  ctx.named(
    new EfsBackupPolicy(ctx.scope, 'backup_policy', {
      fileSystemId: fileSystem.id,
      backupPolicy: { status: ctx.tf(cond(ctx.input('backup_enabled'), lit('ENABLED'), lit('DISABLED'))) },
    }),
    'this',
  );
}
