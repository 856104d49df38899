/**
 * The command line of `efs-modules doctor serve`. The HMAC key is deliberately not an option:
 * arguments show in `ps` and in shell history, so it is read from an environment variable.
 */
import { parseArgs } from 'util';
import { DEFAULT_OPTIONS, type ServiceOptions } from './service';

export const DEFAULT_KEY_VARIABLE = 'EFS_DOCTOR_HMAC_KEY';
const DEFAULT_GRACE_SECONDS = 30;

export const SERVE_USAGE = `Usage: efs-modules doctor serve [options]

Runs efs-modules doctor as an HCP Terraform / Terraform Enterprise run task: checks each run's
plan JSON and sends the verdict, one outcome per finding, back to the run. Put it behind TLS
termination; see docs/doctor-run-task.md.

The run task's HMAC key is read from the environment variable ${DEFAULT_KEY_VARIABLE} (or the
one --hmac-key-env names), never from an argument. Requests without a valid signature get 401.

Options:
  --host <address>          address to listen on (default ${DEFAULT_OPTIONS.host}; 0.0.0.0 in a container)
  --port <n>                port (default ${DEFAULT_OPTIONS.port}; 0 picks a free one)
  --path <path>             path HCP Terraform posts to (default ${DEFAULT_OPTIONS.path}); GET /healthz answers ok
  --hmac-key-env <name>     environment variable holding the HMAC key (default ${DEFAULT_KEY_VARIABLE})
  --strict                  warnings fail the run too
  --max-body <size>         largest request body (default 64k; larger gets 413)
  --max-plan <size>         largest plan JSON fetched (default 64m)
  --request-timeout <s>     seconds to receive a request (default ${DEFAULT_OPTIONS.requestTimeoutMs / 1000}; slower gets 408)
  --fetch-timeout <s>       seconds to download a plan JSON, per attempt (default ${DEFAULT_OPTIONS.fetchTimeoutMs / 1000})
  --callback-timeout <s>    seconds for each attempt to send the result (default ${DEFAULT_OPTIONS.callbackTimeoutMs / 1000})
  --attempts <n>            attempts of each download and each callback (default ${DEFAULT_OPTIONS.attempts})
  --concurrency <n>         run tasks checked at once (default ${DEFAULT_OPTIONS.concurrency})
  --queue <n>               accepted run tasks that may wait; beyond them 503 (default ${DEFAULT_OPTIONS.queueSize})
  --max-connections <n>     open connections at once; more are closed (default ${DEFAULT_OPTIONS.maxConnections})
  --shutdown-grace <s>      on SIGTERM, seconds to finish accepted run tasks (default ${DEFAULT_GRACE_SECONDS})
  --allow-http              accept plan and callback URLs over plain http to non-loopback hosts
  -h, --help                this help
`;

export type ServeCommand =
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string }
  | { kind: 'serve'; options: Omit<ServiceOptions, 'log'>; keyVariable: string; graceMs: number };

const STRING_OPTIONS = [
  'host',
  'port',
  'path',
  'hmac-key-env',
  'max-body',
  'max-plan',
  'request-timeout',
  'fetch-timeout',
  'callback-timeout',
  'attempts',
  'concurrency',
  'queue',
  'max-connections',
  'shutdown-grace',
] as const;

class UsageError extends Error {}

function count(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min} (got ${JSON.stringify(text)})`);
  return Number(text);
}

function seconds(name: string, text: string): number {
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0)
    throw new UsageError(`--${name} must be a number of seconds above 0 (got ${JSON.stringify(text)})`);
  return Math.round(Number(text) * 1000);
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 * 1024 };

function size(name: string, text: string): number {
  const match = /^(\d+)([kKmM]?)$/.exec(text);
  if (!match || Number(match[1]) === 0)
    throw new UsageError(`--${name} must be a size in bytes, e.g. 65536, 64k or 64m (got ${JSON.stringify(text)})`);
  return Number(match[1]) * UNITS[match[2].toLowerCase()];
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ServeCommand {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        ...Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' as const }])),
        strict: { type: 'boolean' },
        'allow-http': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new UsageError(`serve takes no file (got ${JSON.stringify(positionals[0])})`);
    const text = values as Record<string, string | undefined>;
    const keyVariable = text['hmac-key-env'] ?? DEFAULT_KEY_VARIABLE;
    const hmacKey = env[keyVariable] ?? '';
    if (hmacKey === '') {
      throw new UsageError(
        `set the run task's HMAC key in the environment variable ${keyVariable} (the key entered in HCP Terraform's run task settings); it is not taken as an argument so that it does not show in the process list`,
      );
    }
    const path = text.path ?? DEFAULT_OPTIONS.path;
    if (!path.startsWith('/')) throw new UsageError(`--path must start with / (got ${JSON.stringify(path)})`);
    const pick = <T>(
      name: (typeof STRING_OPTIONS)[number],
      read: (name: string, value: string) => T,
      fallback: T,
    ): T => (text[name] === undefined ? fallback : read(name, text[name]));
    return {
      kind: 'serve',
      keyVariable,
      graceMs: pick('shutdown-grace', seconds, DEFAULT_GRACE_SECONDS * 1000),
      options: {
        hmacKey,
        host: text.host ?? DEFAULT_OPTIONS.host,
        port: pick(
          'port',
          (name, value) => {
            const port = count(name, value, 0);
            if (port > 65535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
            return port;
          },
          DEFAULT_OPTIONS.port,
        ),
        path,
        strict: values.strict === true,
        maxBodyBytes: pick('max-body', size, DEFAULT_OPTIONS.maxBodyBytes),
        maxPlanBytes: pick('max-plan', size, DEFAULT_OPTIONS.maxPlanBytes),
        requestTimeoutMs: pick('request-timeout', seconds, DEFAULT_OPTIONS.requestTimeoutMs),
        fetchTimeoutMs: pick('fetch-timeout', seconds, DEFAULT_OPTIONS.fetchTimeoutMs),
        callbackTimeoutMs: pick('callback-timeout', seconds, DEFAULT_OPTIONS.callbackTimeoutMs),
        attempts: pick('attempts', (name, value) => count(name, value, 1), DEFAULT_OPTIONS.attempts),
        retryDelayMs: DEFAULT_OPTIONS.retryDelayMs,
        concurrency: pick('concurrency', (name, value) => count(name, value, 1), DEFAULT_OPTIONS.concurrency),
        queueSize: pick('queue', (name, value) => count(name, value, 0), DEFAULT_OPTIONS.queueSize),
        maxConnections: pick('max-connections', (name, value) => count(name, value, 1), DEFAULT_OPTIONS.maxConnections),
        allowHttp: values['allow-http'] === true,
      },
    };
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
}
