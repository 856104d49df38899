/**
 * A provider process whose schema lists only the resource types this repository uses, for the
 * terraform commands of the test run.
 *
 * Why: every terraform process asks its provider for the schema and decodes all of it, some
 * 2,100 resource, data source and ephemeral resource types of the AWS provider 5.100.0, though
 * our configurations use a few dozen. Measured on this machine with a shared provider process (terraform 1.11.4, AWS
 * provider 5.100.0, `terraform validate` of one aws_efs_file_system): 0.9 s of CPU in
 * terraform plus 0.3–0.4 s in the provider per command; through this filter, 0.02 s and
 * nothing. The suite starts a few hundred terraform processes.
 *
 * How: a small gRPC proxy on a Unix socket in the jest parent process, in front of a provider
 * process started with `-debug` (test/support/shared-provider.ts). It passes every call through
 * unchanged except the schema call (`/tfplugin5.Provider/GetSchema`), whose answer it keeps
 * (the schema of a binary never changes) with the resource, data source and ephemeral resource
 * types reduced to those named in the repository (repositoryTypes below). Everything else in the
 * answer stays: the provider's own configuration schema, its functions, its capabilities. The
 * provider process still validates and plans every resource; a type the repository never names
 * fails as Terraform fails on any unsupported type, and the harness adds which list to extend
 * (terraform.ts). test/support/schema-filter.test.ts shows a plan through the filter equals the
 * plan without it. EFS_MODULES_SCHEMA_FILTER=0 turns the filter off.
 */
import * as fs from 'fs';
import * as http2 from 'http2';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { SharedProvider } from './shared-provider';

/** The environment variable that turns the filter off (`0`). */
const SCHEMA_FILTER_ENV = 'EFS_MODULES_SCHEMA_FILTER';

export function schemaFilterEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[SCHEMA_FILTER_ENV] !== '0';
}

const GET_SCHEMA = '/tfplugin5.Provider/GetSchema';
/** GetProviderSchema.Response fields that are maps of type name to schema (tfplugin5.proto). */
const TYPE_MAPS = new Set([2 /* resource_schemas */, 3 /* data_source_schemas */, 8 /* ephemeral_resource_schemas */]);

const ROOT = path.resolve(__dirname, '../..');
const SCANNED = ['src', 'modules', 'examples', 'test', 'generators', 'scripts', 'docs', 'bin'];

// ---------------------------------------------------------------------------
// Which types
// ---------------------------------------------------------------------------

/**
 * Every AWS resource or data source type named in the repository's sources, modules, examples,
 * tests and docs: `aws_…` words, and the cdktf classes imported by submodule path
 * (`@cdktf/provider-aws/lib/efs-file-system` is aws_efs_file_system, `lib/data-aws-region` the
 * data source aws_region). Names that are no type (a variable called aws_region) cost nothing.
 */
export function repositoryTypes(root = ROOT): Set<string> {
  const types = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.isFile() && fs.statSync(file).size < 4_000_000) {
        const text = fs.readFileSync(file, 'latin1');
        for (const m of text.matchAll(/\baws_[a-z0-9_]*[a-z0-9]/g)) types.add(m[0]);
        for (const m of text.matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)) {
          types.add(`aws_${m[1].replace(/^data-aws-/, '').replace(/-/g, '_')}`);
        }
      }
    }
  };
  for (const dir of SCANNED) if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  return types;
}

// ---------------------------------------------------------------------------
// The schema answer, at the protobuf wire level
// ---------------------------------------------------------------------------

interface Field {
  readonly no: number;
  /** Offsets of the whole field (tag included) and of its payload. */
  readonly start: number;
  readonly payload: number;
  readonly end: number;
}

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** The top-level fields of a protobuf message, in order. */
function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const start = at;
    let key: number;
    [key, at] = varint(buf, at);
    const wireType = key & 7;
    let payload = at;
    if (wireType === 0) [, at] = varint(buf, at);
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      let length: number;
      [length, at] = varint(buf, at);
      payload = at;
      at += length;
    } else throw new Error(`unexpected protobuf wire type ${wireType} at byte ${start}`);
    out.push({ no: Math.floor(key / 8), start, payload, end: at });
  }
  return out;
}

/** The key of a map entry (field 1 of the entry message). */
function mapKey(buf: Buffer, entry: Field): string {
  const body = buf.subarray(entry.payload, entry.end);
  const key = fields(body).find((f) => f.no === 1);
  return key ? body.subarray(key.payload, key.end).toString('utf8') : '';
}

/** A GetProviderSchema.Response without the types `keep` refuses; every other field as it was. */
function filterSchemaResponse(message: Buffer, keep: (type: string) => boolean): Buffer {
  return Buffer.concat(
    fields(message)
      .filter((f) => !TYPE_MAPS.has(f.no) || keep(mapKey(message, f)))
      .map((f) => message.subarray(f.start, f.end)),
  );
}

/** gRPC's length-prefixed framing: one uncompressed message, or undefined for anything else. */
function unframe(body: Buffer): Buffer | undefined {
  if (body.length < 5 || body[0] !== 0) return undefined;
  const length = body.readUInt32BE(1);
  return body.length === 5 + length ? body.subarray(5) : undefined;
}

function frame(message: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

// ---------------------------------------------------------------------------
// The proxy
// ---------------------------------------------------------------------------

interface Answer {
  readonly headers: http2.OutgoingHttpHeaders;
  readonly body: Buffer;
  readonly trailers: http2.OutgoingHttpHeaders;
}

/** Pseudo-headers a request keeps; the others belong to the connection they came on. */
const REQUEST_PSEUDO = new Set([':method', ':path', ':scheme', ':authority']);

function copyHeaders(headers: http2.IncomingHttpHeaders, keep: (name: string) => boolean): http2.OutgoingHttpHeaders {
  const out: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && keep(name)) out[name] = value;
  return out;
}

/** The Unix socket of a reattach value (the single provider's Addr). */
function reattachSocket(reattach: string): { provider: string; socket: string } {
  const parsed = JSON.parse(reattach) as Record<string, { Addr: { Network: string; String: string } }>;
  const [provider, config] = Object.entries(parsed)[0];
  if (config.Addr.Network !== 'unix')
    throw new Error(`provider ${provider} listens on ${config.Addr.Network}, not a Unix socket`);
  return { provider, socket: config.Addr.String };
}

/** Filtered answers of the schema call, per provider binary and list of types: one ask each per run. */
const answers = new Map<string, Promise<Answer | undefined>>();

let proxies = 0;

/**
 * The provider behind a schema filter: the same process (its Pid, so Terraform's check that it
 * runs still holds), reached through a proxy that lists only `types`. `binary` (the provider
 * binary the process runs) keys the cached schema answer. stop() closes the proxy, then stops
 * the provider.
 */
export async function withSchemaFilter(
  provider: SharedProvider,
  types: ReadonlySet<string>,
  binary: string,
): Promise<SharedProvider> {
  const { socket: upstreamSocket } = reattachSocket(provider.reattach);
  const cacheKey = JSON.stringify([binary, [...types].sort()]);
  const socket = path.join(os.tmpdir(), `efs-modules-schema-${process.pid}-${proxies++}.sock`);
  fs.rmSync(socket, { force: true });

  let session: http2.ClientHttp2Session | undefined;
  const upstream = (): http2.ClientHttp2Session => {
    if (!session || session.closed || session.destroyed) {
      session = http2.connect('http://localhost', {
        createConnection: () => net.connect(upstreamSocket),
        maxSessionMemory: 512,
      });
      session.on('error', () => undefined); // each request reports its own failure
      session.unref();
    }
    return session;
  };

  /**
   * Forwards one call. With collect, the answer is gathered instead of streamed, and collect
   * gives the body to send instead (undefined: the body as it came).
   */
  const forward = (
    stream: http2.ServerHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    collect?: (answer: Answer | undefined) => Buffer | undefined,
  ) => {
    const live = () => !stream.destroyed && !stream.closed;
    const request = upstream().request(copyHeaders(headers, (n) => !n.startsWith(':') || REQUEST_PSEUDO.has(n)));
    stream.pipe(request);
    stream.on('close', () => request.destroyed || request.close());
    let answerHeaders: http2.OutgoingHttpHeaders = {};
    let trailers: http2.OutgoingHttpHeaders | undefined;
    let responded = false;
    const chunks: Buffer[] = [];
    const respond = (options: http2.ServerStreamResponseOptions) => {
      if (responded || !live()) return;
      responded = true;
      stream.respond(answerHeaders, options);
    };
    request.on('response', (h) => {
      answerHeaders = copyHeaders(h, (n) => !n.startsWith(':') || n === ':status');
      // A gRPC answer without a body carries its status in the headers (trailers-only): sent at the end.
      if (!collect && h['grpc-status'] === undefined) respond({ waitForTrailers: true });
    });
    request.on('data', (chunk: Buffer) => {
      if (collect) chunks.push(chunk);
      else if (live()) stream.write(chunk);
    });
    request.on('trailers', (t) => (trailers = copyHeaders(t, (n) => !n.startsWith(':'))));
    request.on('end', () => {
      const received = Buffer.concat(chunks);
      const body =
        collect?.(
          trailers && answerHeaders[':status'] === 200
            ? { headers: answerHeaders, body: received, trailers }
            : undefined,
        ) ?? received;
      if (!responded && trailers === undefined) {
        respond({ endStream: true });
        return;
      }
      respond({ waitForTrailers: true });
      if (!live()) return;
      stream.once('wantTrailers', () => stream.sendTrailers(trailers ?? {}));
      stream.end(collect ? body : undefined);
    });
    request.on('error', () => live() && stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
    stream.on('error', () => undefined); // terraform went away mid-call: nothing to answer
  };

  const answerFromCache = (stream: http2.ServerHttp2Stream, answer: Answer) => {
    if (stream.destroyed || stream.closed) return; // terraform went away while the first ask ran
    stream.resume(); // the request (an empty message) is not needed
    stream.respond(answer.headers, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers(answer.trailers));
    stream.end(answer.body);
  };

  const server = http2.createServer({ maxSessionMemory: 512 });
  // Each terraform process holds one session; stop() ends those still open (a process that hangs).
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.once('close', () => sessions.delete(s));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    if (headers[':path'] !== GET_SCHEMA) return forward(stream, headers);
    const cached = answers.get(cacheKey);
    if (cached) {
      void cached.then((answer) => (answer ? answerFromCache(stream, answer) : forward(stream, headers)));
      return;
    }
    const asked = new Promise<Answer | undefined>((resolve) =>
      forward(stream, headers, (answer) => {
        const message = answer && unframe(answer.body);
        // Anything unexpected (a compressed or split answer, an error) passes unfiltered and is asked again next time.
        if (!answer || !message) {
          answers.delete(cacheKey);
          resolve(undefined);
          return undefined;
        }
        const filtered = { ...answer, body: frame(filterSchemaResponse(message, (t) => types.has(t))) };
        resolve(filtered);
        return filtered.body;
      }),
    );
    answers.set(cacheKey, asked);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socket, resolve));
  server.unref();

  const reattach = provider.reattach.split(JSON.stringify(upstreamSocket)).join(JSON.stringify(socket));
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sessions) s.destroy();
    await closed;
    session?.destroy();
    fs.rmSync(socket, { force: true });
    await provider.stop();
  };
  return { reattach, exited: provider.exited, stop };
}

/**
 * What puts each provider process a run starts behind the filter (jest's global setup, and the
 * harness's own tests of it): stops the process when the filter cannot start.
 */
export function filteredBy(types: ReadonlySet<string>, binary: string) {
  return async (starting: Promise<SharedProvider>): Promise<SharedProvider> => {
    const provider = await starting;
    return withSchemaFilter(provider, types, binary).catch(async (e: Error) => {
      await provider.stop();
      throw e;
    });
  };
}
