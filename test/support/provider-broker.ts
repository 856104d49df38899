/**
 * Configured AWS provider processes shared by the plans that need the same configuration.
 *
 * Why: a `terraform plan` that starts its own provider pays for the 600 MB binary's start and
 * its schema (measured on examples/efs-filesystem/complete, loaded machine: 2.9 s of CPU with
 * its own process, 1.3 s in terraform plus about 0.5 s in an attached provider process).
 *
 * How: jest's global setup runs the broker, a tiny HTTP server on a Unix socket in the jest
 * parent process; a worker asks it for the provider process of a configuration key
 * (provider-config.ts) and gets that process's TF_REATTACH_PROVIDERS value. The broker starts
 * one process per key on first request and keeps it to the end of the run. Every plan with that
 * key configures the process again with the same settings, so whichever plan configured it last,
 * the provider holds the configuration each of them needs. Measured: plans of one root, in
 * sequence and three at once on one process, equal the plan of a process of its own
 * (test/support/provider-broker.test.ts keeps checking it).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { SharedProvider, startSharedProvider } from './shared-provider';

/** The environment variable through which the global setup hands the broker's socket to the workers. */
export const PROVIDER_BROKER_ENV = 'EFS_MODULES_PROVIDER_BROKER';

export interface ProviderBroker {
  readonly socket: string;
  /** Stops the server and every provider process it started, and waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * The environment of a configured provider process. AWS_CA_BUNDLE is left out: measured with
 * provider 5.100.0, a process configured a second time while it is set fails every plan with
 * "loading configuration: unable to add custom RootCAs HTTPClient, has no WithTransportOptions"
 * (the first configuration wraps the HTTP client it would wrap again). Offline plans open no
 * connection, so the bundle changes nothing they do.
 */
function configuredProviderEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.AWS_CA_BUNDLE;
  return out;
}

/**
 * Starts the broker (in the jest parent process). `wrap` puts each provider process it starts
 * behind something of the caller's, e.g. the schema filter (test/support/schema-filter.ts).
 */
export async function startProviderBroker(
  binary: string,
  env: NodeJS.ProcessEnv,
  wrap: (started: Promise<SharedProvider>) => Promise<SharedProvider> = (started) => started,
): Promise<ProviderBroker> {
  const providers = new Map<string, Promise<SharedProvider>>();
  const socket = path.join(os.tmpdir(), `efs-modules-providers-${process.pid}.sock`);
  fs.rmSync(socket, { force: true });
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent((req.url ?? '/').slice(1));
    if (!providers.has(key)) {
      const started = wrap(startSharedProvider(binary, configuredProviderEnv(env)));
      providers.set(key, started);
      // A process that died (e.g. out of memory) is replaced on the next request, not handed out again.
      started.then(
        (p) => p.exited.then(() => providers.get(key) === started && providers.delete(key)),
        () => providers.delete(key),
      );
    }
    providers.get(key)!.then(
      (p) => res.end(p.reattach),
      (e: Error) => {
        res.statusCode = 500;
        res.end(e.message);
      },
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socket, resolve));
  server.unref();
  const stop = async () => {
    server.close();
    const started = await Promise.allSettled([...providers.values()]);
    await Promise.all(started.flatMap((p) => (p.status === 'fulfilled' ? [p.value.stop()] : [])));
    fs.rmSync(socket, { force: true });
  };
  return { socket, stop };
}

/**
 * TF_REATTACH_PROVIDERS of the provider process for a configuration key, from the broker of this
 * jest run (or the one at socket); undefined when there is no broker or it could not start one (the plan then starts
 * its own provider: slower, not wrong).
 */
export function configuredProvider(
  key: string,
  socket = process.env[PROVIDER_BROKER_ENV],
): Promise<string | undefined> {
  if (!socket) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: `/${encodeURIComponent(key)}` }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(res.statusCode === 200 ? body : undefined));
    });
    req.on('error', () => resolve(undefined));
  });
}
