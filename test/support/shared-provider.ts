/**
 * One long-running AWS provider process that terraform commands attach to instead of starting
 * their own, for the commands that only ask the provider for its schema and config validation.
 *
 * Why: every terraform command that loads the AWS provider starts its 600 MB binary and asks for
 * its schema (thousands of resource types), about 0.3–1 s of CPU per start; `terraform test`
 * starts it three or four times per run block (measured: 28 starts for 8 `command = apply` runs).
 * Measured on efs-filesystem's 41 test runs: 22.6 s of CPU with its own provider processes,
 * about 4 s attached to one shared process (GOGC=400 in both).
 *
 * How: the provider binary started with `-debug` serves on a Unix socket and prints the
 * TF_REATTACH_PROVIDERS value that points terraform at it (the mechanism provider developers
 * use for debuggers). Terraform never configures, stops or checks the lock file of an attached
 * provider, so sharing is only correct where nothing configures it: see sharesProvider() in
 * terraform.ts. Plans against the real provider always start their own process.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** The environment variable through which jest's global setup hands the address to the workers. */
export const SHARED_PROVIDER_ENV = 'EFS_MODULES_REATTACH_PROVIDERS';

export interface SharedProvider {
  /** The TF_REATTACH_PROVIDERS value. */
  readonly reattach: string;
  /** Resolves when the process has exited, stopped or not. */
  readonly exited: Promise<void>;
  /** Stops the process and resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * The provider binary init would link from the mirror, or undefined when the mirror does not hold
 * exactly one version for this platform (then nothing is shared: each command starts its own).
 */
export function mirroredProviderBinary(mirror: string): string | undefined {
  const base = path.join(mirror, AWS_PROVIDER);
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const versions = fs.existsSync(base)
    ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, platform)))
    : [];
  if (versions.length !== 1) return undefined;
  const dir = path.join(base, versions[0], platform);
  const binary = fs.readdirSync(dir).find((f) => f.startsWith('terraform-provider-aws'));
  return binary ? path.join(dir, binary) : undefined;
}

/**
 * Starts the provider in debug mode and resolves once it printed its address. It runs under a
 * small shell that stops it when its stdin closes, so it also goes away when the test process
 * dies without calling stop(), and that exits when the provider does (`exited`). The shell waits
 * for the provider and stop() for the shell, so the provider's CPU time counts in the rusage of
 * the test run (`/usr/bin/time npm test`); an orphaned provider would be reaped by init and its
 * CPU would vanish from the figures.
 */
export function startSharedProvider(
  binary: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60000,
): Promise<SharedProvider> {
  // A background list of a non-interactive shell reads /dev/null, hence stdin kept as fd 3 for cat.
  const watchdog =
    'exec 3<&0; "$0" -debug 3<&- & provider=$!; { cat <&3; kill "$provider"; } >/dev/null 2>&1 & wait "$provider"';
  const child: ChildProcess = spawn('sh', ['-c', watchdog, binary], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => {
    child.stdin?.end();
    return exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`no address after ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`the shared AWS provider (${binary} -debug) did not start: ${why}\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/TF_REATTACH_PROVIDERS='([^']+)'/);
      if (!found) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stderr?.removeAllListeners('data');
      child.off('exit', exitedEarly);
      // Keep draining its output so the provider never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ reattach: found[1], exited, stop });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (e) => fail(e.message));
    const exitedEarly = (code: number | null) => fail(`exited with ${code}`);
    child.on('exit', exitedEarly);
  });
}
