/**
 * `efs-modules migrate terraform-aws-efs <state.json> [--module efs] [--source <module source>] [--json]`
 *
 * Exit codes: 0 the blocks are complete; 1 printed, but some rule IDs are placeholders to fill
 * in (the state records no ID for a rule with several sources); 2 usage or input errors, or
 * items that cannot be carried over (listed on stderr, nothing on stdout).
 */
import { parseArgs } from 'util';
import type { Io } from '../doctor/cli';
import { renderMigration } from './render';
import { moduleAddress, moduleResources, StateParseError } from './state';
import { mapTerraformAwsEfs } from './terraform-aws-efs';

export const MIGRATE_EXIT = { COMPLETE: 0, FILL_IN: 1, REFUSED: 2 } as const;

export const MIGRATE_USAGE = `Usage: efs-modules migrate terraform-aws-efs <state.json | -> [--module <name>] [--source <source>] [--json]

Reads \`terraform show -json\` of the state ("-" reads stdin) holding a deployment of
terraform-aws-modules/terraform-aws-efs v1.x, and prints what carries it over to efs-filesystem
with nothing replaced: the module block with the inputs that keep every setting, \`moved\`
blocks, and \`import\` + \`removed\` blocks for the NFS rules (Terraform >= 1.7).

Options:
  --module <name>   the module block in the state (default: efs, i.e. module.efs)
  --source <src>    the source to print for efs-filesystem (default: the Git source of this release)
  --json            the mapping as JSON instead of HCL
  -h, --help        this help

Exit codes: 0 complete; 1 complete but some rule IDs must be filled in; 2 usage or input
errors, or items that cannot be carried over (each named on stderr).
`;

const DEFAULT_SOURCE = 'git::https://github.com/your-org/efs-modules.git//modules/efs-filesystem?ref=v0.1.0';
const FROM = ['terraform-aws-efs'];

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
  if (!from || !FROM.includes(from)) return usage(io, `migrate from what? the only source module is ${FROM.join(', ')} (got ${JSON.stringify(from ?? '')})`);
  if (!file) return usage(io, 'give the state JSON file (terraform show -json > state.json), or - for stdin');
  if (rest.length > 0) return usage(io, `give one state file, not ${rest.length + 1}`);
  const address = moduleAddress(values.module ?? 'efs');

  let text: string;
  try {
    text = io.read(file);
  } catch (error) {
    io.stderr(`efs-modules migrate: cannot read ${file}: ${(error as Error).message}\n`);
    return MIGRATE_EXIT.REFUSED;
  }
  let migration;
  try {
    migration = mapTerraformAwsEfs(moduleResources(text, address), address);
  } catch (error) {
    if (!(error instanceof StateParseError)) throw error;
    io.stderr(`efs-modules migrate: ${file}: ${error.message}\n`);
    return MIGRATE_EXIT.REFUSED;
  }
  if (migration.refused.length > 0) {
    io.stderr(
      [`efs-modules migrate: ${address} cannot be carried over to efs-filesystem without replacing or losing something:`, ...migration.refused.map((r) => `  - ${r}`), ''].join('\n'),
    );
    return MIGRATE_EXIT.REFUSED;
  }
  io.stdout(values.json ? `${JSON.stringify(migration, null, 2)}\n` : renderMigration(migration, values.source ?? DEFAULT_SOURCE, file));
  const missing = migration.imports.filter((i) => !i.id);
  if (missing.length > 0) {
    io.stderr(`efs-modules migrate: fill in the IDs of ${missing.length} rule(s) marked FILL-IN before planning: ${missing.map((i) => i.to).join(', ')}\n`);
    return MIGRATE_EXIT.FILL_IN;
  }
  return MIGRATE_EXIT.COMPLETE;
}

function usage(io: Io, message: string): number {
  io.stderr(`efs-modules migrate: ${message}\nRun \`efs-modules migrate --help\` for usage.\n`);
  return MIGRATE_EXIT.REFUSED;
}
