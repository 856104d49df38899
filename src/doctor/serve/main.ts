/**
 * `efs-modules doctor serve` as a process: reads its options and key, listens, logs to stderr,
 * and on SIGTERM or SIGINT finishes the accepted run tasks (up to the grace period) and exits 0.
 */
import { EXIT } from '../report/exit-code';
import { parseServeArgs, SERVE_USAGE } from './serve-args';
import { createRunTaskService } from './service';

export interface ServeIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Resolves with the exit code once the service has stopped (or could not start). */
export async function serveMain(
  argv: readonly string[],
  io: ServeIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const command = parseServeArgs(argv, env);
  if (command.kind === 'help') {
    io.stdout(SERVE_USAGE);
    return EXIT.CLEAN;
  }
  if (command.kind === 'usage-error') {
    io.stderr(`efs-modules doctor serve: ${command.message}\nRun \`efs-modules doctor serve --help\` for usage.\n`);
    return EXIT.USAGE;
  }
  const service = createRunTaskService({ ...command.options, log: (line) => io.stderr(`${line}\n`) });
  let address;
  try {
    address = await service.listen();
  } catch (error) {
    io.stderr(
      `efs-modules doctor serve: cannot listen on ${command.options.host}:${command.options.port}: ${(error as Error).message}\n`,
    );
    return EXIT.USAGE;
  }
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  io.stderr(
    `efs-modules doctor serve: listening on http://${host}:${address.port}${command.options.path} (HMAC key from ${command.keyVariable})\n`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (received: NodeJS.Signals): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(received);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  io.stderr(
    `efs-modules doctor serve: ${signal}: finishing accepted run tasks (up to ${command.graceMs / 1000} s; a second signal stops at once)\n`,
  );
  // A second signal while draining means "now": the runs still in progress get no callback.
  const now = (): void => process.exit(EXIT.FINDINGS);
  process.once('SIGTERM', now);
  process.once('SIGINT', now);
  await service.close(command.graceMs);
  process.off('SIGTERM', now);
  process.off('SIGINT', now);
  io.stderr('efs-modules doctor serve: stopped\n');
  return EXIT.CLEAN;
}
