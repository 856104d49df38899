#!/usr/bin/env node
/**
 * Runs a TypeScript file as the main module, compiling each .ts file with esbuild's JavaScript
 * API when it is required. Types are not checked (tsc --noEmit does that). It starts in a
 * fraction of tsx's time, which is most of what `npm run generate` and direct synthesis cost.
 * Usage: node scripts/run-ts.js <file.ts> [args…]
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync, version: esbuildVersion } = require('esbuild');

// Compiled output is cached by content, so a second run reads JavaScript instead of compiling.
const CACHE = resolve(__dirname, '..', 'node_modules', '.cache', 'efs-modules-run-ts');
mkdirSync(CACHE, { recursive: true });

function compile(filename) {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(esbuildVersion).update(filename).update(source).digest('hex');
  const cached = join(CACHE, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename });
  writeFileSync(`${cached}.${process.pid}`, code);
  renameSync(`${cached}.${process.pid}`, cached); // atomic: concurrent runs never read half a file
  return code;
}

require.extensions['.ts'] = (module, filename) => module._compile(compile(filename), filename);

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args…]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(file), ...args];
// Loaded as the main module, so the file's `require.main === module` holds as under node or tsx.
Module._load(resolve(file), null, true);
