/**
 * `efs-modules doctor <plan.json>`: the command-line face of diagnose(), and the dispatcher of
 * `efs-modules migrate …` (src/migrate/cli.ts). bin/efs-modules.js calls run(); tests call
 * main() with their own I/O.
 */
import * as fs from 'fs';
import { migrateMain } from '../migrate/cli';
import { parseCommand, USAGE, type Format } from './cli-args';
import { diagnose } from './diagnose';
import type { Finding } from './finding';
import { parsePlan, PlanParseError } from './plan/parse';
import { EXIT, fails } from './report/exit-code';
import { formatHuman } from './report/human';
import { formatJson } from './report/json';
import { formatRefusal } from './report/refusal';
import { formatRunTask } from './report/run-task';
import { serveMain } from './serve/main';
import { formatSarif } from './report/sarif';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file, or stdin for "-". */
  read(file: string): string;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  read: (file) => fs.readFileSync(file === '-' ? 0 : file, 'utf8'),
};

type Formatter = (findings: readonly Finding[], strict: boolean, sarifFile: string | undefined) => string;

const FORMATTERS: Record<Format, Formatter> = {
  human: formatHuman,
  json: formatJson,
  'run-task': formatRunTask,
  sarif: (findings, _strict, sarifFile) => formatSarif(findings, { artifact: sarifFile }),
};

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export function main(argv: readonly string[], io: Io = processIo): number {
  if (argv[0] === 'migrate') return migrateMain(argv.slice(1), io);
  const command = parseCommand(argv);
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return EXIT.CLEAN;
  }
  if (command.kind === 'usage-error') {
    io.stderr(`efs-modules: ${command.message}\nRun \`efs-modules --help\` for usage.\n`);
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
