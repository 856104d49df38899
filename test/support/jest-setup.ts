/**
 * Jest setup of every test file (jest.config.js, setupFilesAfterEnv): two costs that cdktf and
 * cdktn pay under jest only, taken away without changing what a synthesis produces or checks.
 * Each core's two small modules are patched in the test file's own module registry, so the
 * constructs the test creates use the patched ones; neither core is loaded here.
 *
 * - Every `terraform_data` resource (and every stack with `moved` blocks) adds a validation that
 *   runs `terraform version` in a shell at synthesis: 53 processes for one synthesis of
 *   token-rules.test.ts. The first validation of a test file still runs the command; the
 *   others of that file reuse its output, each checked against its own version constraint.
 * - Every token records its creation stack with no depth limit. Jest's source-map support maps
 *   each frame of each such stack to the TypeScript source: about 2 s of the 12 s of CPU that
 *   token-rules.test.ts spent in its jest process (node --cpu-prof).
 *   The creation stack shows in cdktf's own errors about a token only; it is captured here as
 *   node formats it, with compiled line numbers.
 */
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';

interface BinaryVersionValidation {
  versionCommand: string;
  validate(): string[];
}

/** A core's module `lib/<rel>`, or undefined when that core is not installed. */
function coreModule<T>(core: string, rel: string): T | undefined {
  let root: string;
  try {
    root = dirname(require.resolve(`${core}/package.json`));
  } catch {
    return undefined;
  }
  return require(join(root, 'lib', rel)) as T;
}

function reuseVersionOutput(core: string): void {
  const validation = coreModule<{ ValidateBinaryVersion: { prototype: BinaryVersionValidation } }>(
    core,
    'validations/validate-binary-version.js',
  );
  if (!validation) return;
  const proto = validation.ValidateBinaryVersion.prototype;
  const original = proto.validate;
  const outputs = new Map<string, string | Error>();
  const childProcess = require('node:child_process') as { execSync: typeof execSync };
  proto.validate = function (this: BinaryVersionValidation): string[] {
    // The original method reads child_process.execSync at call time: give it the remembered output.
    const real = childProcess.execSync;
    const command = this.versionCommand;
    childProcess.execSync = ((cmd: string, opts?: object) => {
      if (cmd !== command) return real(cmd, opts);
      if (!outputs.has(cmd)) {
        try {
          outputs.set(cmd, real(cmd, { stdio: 'pipe' }).toString());
        } catch (e) {
          outputs.set(cmd, e as Error);
        }
      }
      const output = outputs.get(cmd)!;
      if (output instanceof Error) throw output;
      return Buffer.from(output);
    }) as typeof execSync;
    try {
      return original.call(this);
    } finally {
      childProcess.execSync = real;
    }
  };
}

/** A stack as V8 writes it when nothing formats it: the first line, then one `at` line per frame. */
function plainStack(error: unknown, frames: NodeJS.CallSite[]): string {
  // V8's call sites print themselves as its default stack lines do (their type leaves toString out).
  const lines = frames.map((frame) => `    at ${(frame as unknown as { toString(): string }).toString()}`);
  return [String(error), ...lines].join('\n');
}

function plainCreationStacks(core: string): void {
  const stackTrace = coreModule<{ captureStackTrace: (below?: unknown) => string[] }>(
    core,
    'tokens/private/stack-trace.js',
  );
  if (!stackTrace) return;
  const original = stackTrace.captureStackTrace;
  stackTrace.captureStackTrace = function captureStackTrace(below?: unknown): string[] {
    const prepare = Error.prepareStackTrace;
    // Not undefined: node would then call the worker's own hook, which is jest's source mapping.
    Error.prepareStackTrace = plainStack;
    try {
      return original(below ?? captureStackTrace);
    } finally {
      Error.prepareStackTrace = prepare;
    }
  };
}

for (const core of ['cdktf', 'cdktn']) {
  reuseVersionOutput(core);
  plainCreationStacks(core);
}
