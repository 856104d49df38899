/** `efs-modules doctor <plan.json>`: the command-line face of diagnose() (dispatched by src/cli.ts). */
import type { Io } from '../cli-io';
import { parseCommand, USAGE, type Format } from './cli-args';
import { diagnose } from './diagnose';
import type { Finding } from './finding';
import { parsePlan, PlanParseError } from './plan/parse';
import { EXIT, fails } from './report/exit-code';
import { formatHuman } from './report/human';
import { formatJson } from './report/json';
import { formatRefusal } from './report/refusal';
import { formatRunTask } from './report/run-task';
import { formatSarif } from './report/sarif';

type Formatter = (findings: readonly Finding[], strict: boolean, sarifFile: string | undefined) => string;

const FORMATTERS: Record<Format, Formatter> = {
  human: formatHuman,
  json: formatJson,
  'run-task': formatRunTask,
  sarif: (findings, _strict, sarifFile) => formatSarif(findings, { artifact: sarifFile }),
};

/** Runs `efs-modules doctor` with `argv` (the arguments after `doctor`) and returns the exit code. */
export function doctorMain(argv: readonly string[], io: Io): number {
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return EXIT.CLEAN;
  }
  if (command.kind === 'usage-error') {
    io.stderr(`efs-modules doctor: ${command.message}\nRun \`efs-modules doctor --help\` for usage.\n`);
    return EXIT.USAGE;
  }
  // Input errors exit 2 with the reason on stderr; machine formats also print a document that
  // says nothing was checked, for callers that read only stdout.
  const refuse = (message: string): number => {
    io.stdout(formatRefusal(command.format, message));
    io.stderr(`efs-modules doctor: ${message}\n`);
    return EXIT.USAGE;
  };
  let text: string;
  try {
    text = io.read(command.file);
  } catch (error) {
    return refuse(`cannot read ${command.file}: ${(error as Error).message}`);
  }
  let findings: Finding[];
  try {
    findings = diagnose(parsePlan(text));
  } catch (error) {
    if (!(error instanceof PlanParseError)) throw error;
    return refuse(`${command.file}: ${error.message}`);
  }
  io.stdout(FORMATTERS[command.format](findings, command.strict, command.sarifFile));
  return fails(findings, command.strict) ? EXIT.FINDINGS : EXIT.CLEAN;
}
