/**
 * `efs-modules migrate terraform-aws-efs <state.json> [--module efs] [--source <module source>] [--json]`
 * `efs-modules migrate cdktf <state.json | plan.json | terraform.tfstate> [--source <template>] [--json]`
 *
 * Exit codes: 0 the blocks are complete; 1 printed, but some rule IDs are placeholders to fill
 * in (the state records no ID for a rule with several sources); 2 usage or input errors, or
 * items that cannot be carried over (listed on stderr, nothing on stdout).
 */
import { parseArgs } from 'util';
import type { Io } from '../cli-io';
import { mapCdktf } from './cdktf';
import { renderMigration } from './render';
import { renderCdktfMigration } from './render-cdktf';
import { moduleAddress, moduleResources, rootResources, StateParseError } from './state';
import { mapTerraformAwsEfs } from './terraform-aws-efs';

export const MIGRATE_EXIT = { COMPLETE: 0, FILL_IN: 1, REFUSED: 2 } as const;

export const MIGRATE_USAGE = `Usage: efs-modules migrate terraform-aws-efs <state.json | -> [--module <name>] [--source <source>] [--json]
       efs-modules migrate cdktf <state.json | plan.json | terraform.tfstate | -> [--source <template>] [--json]

Reads \`terraform show -json\` of the state ("-" reads stdin) holding a deployment of
terraform-aws-modules/terraform-aws-efs v1.x, and prints what carries it over to efs-filesystem
with nothing replaced: the module block with the inputs that keep every setting, \`moved\`
blocks, and \`import\` + \`removed\` blocks for the NFS rules (Terraform >= 1.7).

\`cdktf\`: reads the state of a CDKTF stack that uses EfsFilesystem, EfsMountLambda,
EfsMountEcs or EfsMountEc2 (\`terraform show -json\`, a plan's \`terraform show -json\` with no
changes, or the state file itself), and prints a module block per construct with the settings
the state holds, and \`moved\` blocks from the constructs' resources to the modules'
(Terraform >= 1.5).

Options:
  --module <name>   terraform-aws-efs: the module block in the state (default: efs, i.e. module.efs)
  --source <src>    terraform-aws-efs: the source to print for efs-filesystem (default: the Git
                    source of this release); cdktf: the same with {module} where the module's
                    folder goes (a path such as ./modules gets /<module> appended)
  --json            the mapping as JSON instead of HCL
  -h, --help        this help

Exit codes: 0 complete; 1 complete but some values must be filled in (marked FILL-IN, named on
stderr); 2 usage or input errors, or items that cannot be carried over (each named on stderr).
`;

const DEFAULT_SOURCE = 'git::https://github.com/your-org/efs-modules.git//modules/efs-filesystem?ref=v0.1.0';
const DEFAULT_SOURCE_TEMPLATE = 'git::https://github.com/your-org/efs-modules.git//modules/{module}?ref=v0.1.0';
const FROM = ['terraform-aws-efs', 'cdktf'];

export function migrateMain(argv: readonly string[], io: Io): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        module: { type: 'string' },
        source: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(MIGRATE_USAGE);
    return MIGRATE_EXIT.COMPLETE;
  }
  const [from, file, ...rest] = positionals;
  if (!from || !FROM.includes(from))
    return usage(io, `migrate from what? give one of ${FROM.join(', ')} (got ${JSON.stringify(from ?? '')})`);
  if (!file) return usage(io, 'give the state JSON file (terraform show -json > state.json), or - for stdin');
  if (rest.length > 0) return usage(io, `give one state file, not ${rest.length + 1}`);
  if (from === 'cdktf' && values.module !== undefined)
    return usage(io, '--module is for terraform-aws-efs; a CDKTF stack has no module blocks');

  let text: string;
  try {
    text = io.read(file);
  } catch (error) {
    io.stderr(`efs-modules migrate: cannot read ${file}: ${(error as Error).message}\n`);
    return MIGRATE_EXIT.REFUSED;
  }
  if (from === 'cdktf')
    return migrateCdktf(text, file, values.source ?? DEFAULT_SOURCE_TEMPLATE, values.json === true, io);
  const address = moduleAddress(values.module ?? 'efs');
  const migration = mapped(
    () => mapTerraformAwsEfs(moduleResources(text, address), address),
    { file, what: `${address} cannot be carried over to efs-filesystem` },
    io,
  );
  if (typeof migration === 'number') return migration;
  io.stdout(
    values.json
      ? `${JSON.stringify(migration, null, 2)}\n`
      : renderMigration(migration, values.source ?? DEFAULT_SOURCE, file),
  );
  const missing = migration.imports.filter((i) => !i.id);
  if (missing.length > 0) {
    io.stderr(
      `efs-modules migrate: fill in the IDs of ${missing.length} rule(s) marked FILL-IN before planning: ${missing.map((i) => i.to).join(', ')}\n`,
    );
    return MIGRATE_EXIT.FILL_IN;
  }
  return MIGRATE_EXIT.COMPLETE;
}

function migrateCdktf(text: string, file: string, source: string, json: boolean, io: Io): number {
  const migration = mapped(
    () => mapCdktf(rootResources(text)),
    { file, what: `${file} cannot be carried over to the HCL modules` },
    io,
  );
  if (typeof migration === 'number') return migration;
  io.stdout(json ? `${JSON.stringify(migration, null, 2)}\n` : renderCdktfMigration(migration, source, file));
  if (migration.placeholders.length > 0) {
    io.stderr(
      `efs-modules migrate: fill in ${migration.placeholders.length} value(s) marked FILL-IN before planning:\n${migration.placeholders.map((p) => `  - ${p}\n`).join('')}`,
    );
    return MIGRATE_EXIT.FILL_IN;
  }
  return MIGRATE_EXIT.COMPLETE;
}

/**
 * The migration `map` makes of the input, or the exit code when there is none: input that is not a
 * state or plan, or a migration that would replace or lose something (each reason on a line).
 */
function mapped<M extends { readonly refused: readonly string[] }>(
  map: () => M,
  { file, what }: { file: string; what: string },
  io: Io,
): M | number {
  let migration: M;
  try {
    migration = map();
  } catch (error) {
    if (!(error instanceof StateParseError)) throw error;
    io.stderr(`efs-modules migrate: ${file}: ${error.message}\n`);
    return MIGRATE_EXIT.REFUSED;
  }
  if (migration.refused.length === 0) return migration;
  io.stderr(
    [
      `efs-modules migrate: ${what} without replacing or losing something:`,
      ...migration.refused.map((r) => `  - ${r}`),
      '',
    ].join('\n'),
  );
  return MIGRATE_EXIT.REFUSED;
}

function usage(io: Io, message: string): number {
  io.stderr(`efs-modules migrate: ${message}\nRun \`efs-modules migrate --help\` for usage.\n`);
  return MIGRATE_EXIT.REFUSED;
}
