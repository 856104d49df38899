/**
 * The `efs-modules` command line: dispatches `doctor` (src/doctor/cli.ts) and `migrate`
 * (src/migrate/cli.ts). bin/efs-modules.js calls run(); tests call main() with their own I/O.
 */
import { processIo, type Io } from './cli-io';
import { doctorMain } from './doctor/cli';
import { serveMain } from './doctor/serve/main';
import { migrateMain } from './migrate/cli';

export type { Io } from './cli-io';

export const USAGE = `Usage: efs-modules <command> …

Commands:
  doctor <plan.json | ->    checks the JSON of a Terraform plan for EFS failure modes
  doctor serve [options]    runs the doctor as an HCP Terraform run task service
  migrate <source> <state>  prints the blocks that move a deployment to the HCL modules with
                            nothing replaced; sources: terraform-aws-efs, cdktf

Each command has its own --help (efs-modules doctor --help).

Exit codes: 0 success, 1 findings (doctor) or values left to fill in (migrate), 2 usage or input errors.
`;

const COMMANDS = ['doctor', 'migrate'];

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  const [command, ...rest] = argv;
  if (command === 'doctor') return doctorMain(rest, io);
  if (command === 'migrate') return migrateMain(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const problem =
    command === undefined
      ? `give a command: ${COMMANDS.join(' or ')}`
      : `unknown command ${JSON.stringify(command)}; the commands are ${COMMANDS.map((c) => `"${c}"`).join(' and ')}`;
  io.stderr(`efs-modules: ${problem}\nRun \`efs-modules --help\` for usage.\n`);
  return 2;
}

/** Entry point for bin/efs-modules.js. */
export function run(argv: readonly string[] = process.argv.slice(2)): void {
  // `doctor serve` runs until a signal stops it, so it cannot be a synchronous main().
  if (argv[0] === 'doctor' && argv[1] === 'serve') {
    void serveMain(argv.slice(2), processIo).then((code) => {
      process.exitCode = code;
    });
    return;
  }
  process.exitCode = main(argv);
}
