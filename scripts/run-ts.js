#!/usr/bin/env node
/**
 * The project's one way to run TypeScript outside jest: each .ts file is compiled with esbuild's
 * JavaScript API when it is required. Types are not checked (tsc --noEmit does that). It starts
 * in a fraction of a second, which is most of what `npm run generate` and direct synthesis cost.
 *
 *   node scripts/run-ts.js <file.ts> [args…]       runs a file as the main module
 *   require('./scripts/run-ts').register()         lets this process require .ts files
 *                                                  (bin/efs-modules.js in a source checkout),
 *                                                  and `efs-modules` resolve to src/index.ts
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');

// Compiled output is cached by content, so a second run reads JavaScript instead of compiling.
const CACHE = resolve(__dirname, '..', 'node_modules', '.cache', 'efs-modules-run-ts');

function compile(filename) {
  const { transformSync, version: esbuildVersion } = require('esbuild');
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(esbuildVersion).update(filename).update(source).digest('hex');
  const cached = join(CACHE, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(`${cached}.${process.pid}`, code);
  renameSync(`${cached}.${process.pid}`, cached); // atomic: concurrent runs never read half a file
  return code;
}

// The examples import the package by its published name, as a user's project does; in a source
// checkout that name is src/index.ts (tsconfig.json `paths` and jest.config.js map it the same way).
const PACKAGE_SOURCE = resolve(__dirname, '..', 'src', 'index.ts');
const resolvePackageName = (request) => (request === 'efs-modules' ? PACKAGE_SOURCE : request);

/** Installs the .ts require hook in this process; idempotent. */
function register() {
  require.extensions['.ts'] = (module, filename) => module._compile(compile(filename), filename);
  if (Module._resolveFilename.efsModules) return;
  const resolveFilename = Module._resolveFilename;
  const resolveWithPackageName = function (request, ...rest) {
    return resolveFilename.call(this, resolvePackageName(request), ...rest);
  };
  resolveWithPackageName.efsModules = true;
  Module._resolveFilename = resolveWithPackageName;
}

module.exports = { register };

if (require.main === module) {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/run-ts.js <file.ts> [args…]');
    process.exit(2);
  }
  register();
  process.argv = [process.argv[0], resolve(file), ...args];
  // Loaded as the main module, so the file's `require.main === module` holds as under plain node.
  Module._load(resolve(file), null, true);
}
