/**
 * Jest transform for TypeScript through esbuild's JavaScript API, the compiler scripts/run-ts.js
 * uses too. esbuild's builds for every platform are on the registry; @swc/jest's native bindings
 * for other platforms are not, which leaves a lock file that `npm ci` refuses.
 * Types are checked separately, by `tsc --noEmit` in `npm test`.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const self = readFileSync(__filename, 'utf8');

module.exports = {
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(esbuild.version).update(self).update(filename).update(source).digest('hex');
  },
};
