#!/usr/bin/env node
/**
 * Builds the CDK Terrain entry `efs-modules/cdktn` from the compiled cdktf entry, after
 * `tsc -p tsconfig.build.json` (npm run build:lib): the files `dist/index.js` loads (and the
 * declaration files its types name), copied to `dist/cdktn/` with their imports of `cdktf` and
 * `@cdktf/provider-aws/lib/…` pointed at `cdktn` and `@cdktn/provider-aws/lib/…`, and
 * `CORE` in binding.js set to 'cdktn'. The source stays one: src/cdktf.ts is its only import of
 * the core, and the bindings are imported by `lib/<resource>` paths that both bindings share.
 *
 *   node scripts/build-cdktn.js [dist]
 *
 * Fails, writing nothing, if a file of the copy would still name cdktf in an import.
 */
const fs = require('node:fs');
const path = require('node:path');

const DIST = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist'));
const OUT = path.join(DIST, 'cdktn');
const RENAMES = { cdktf: 'cdktn', '@cdktf/provider-aws': '@cdktn/provider-aws' };

/** A module specifier in `require("…")`, `from "…"`, `import("…")` or `import "…"`. */
const SPECIFIER = /(\brequire\(\s*|\bfrom\s+|\bimport\(\s*|\bimport\s+)(["'])([^"']+)\2/g;

/** The relative specifiers of a .js or .d.ts file, as files of dist/ (without extension). */
function localImports(file) {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[3])
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s));
}

/** The module `base` (no extension) as its .js and .d.ts files; a folder means its index. */
function filesOf(base) {
  const stem = fs.existsSync(`${base}.js`) || fs.existsSync(`${base}.d.ts`) ? base : path.join(base, 'index');
  return [`${stem}.js`, `${stem}.d.ts`].filter((f) => fs.existsSync(f));
}

/** Every file the cdktf entry loads or names in its types, from dist/index. */
function entryClosure() {
  const seen = new Set();
  const pending = filesOf(path.join(DIST, 'index'));
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const base of localImports(file)) pending.push(...filesOf(base));
  }
  return [...seen].sort();
}

function renamed(specifier) {
  for (const [from, to] of Object.entries(RENAMES)) {
    if (specifier === from || specifier.startsWith(`${from}/`)) return to + specifier.slice(from.length);
  }
  return specifier;
}

function rewrite(rel, text) {
  let out = text.replace(SPECIFIER, (all, head, quote, specifier) => `${head}${quote}${renamed(specifier)}${quote}`);
  if (rel === 'binding.js') {
    const core = /(exports\.CORE\s*=\s*)(["'])cdktf\2/;
    if (!core.test(out)) throw new Error(`build-cdktn: ${rel} does not set exports.CORE = 'cdktf'`);
    out = out.replace(core, '$1$2cdktn$2');
  }
  const left = [...out.matchAll(SPECIFIER)].map((m) => m[3]).filter((s) => renamed(s) !== s);
  if (left.length > 0) throw new Error(`build-cdktn: ${rel} still imports ${left.join(', ')}`);
  return out;
}

function main() {
  if (!fs.existsSync(path.join(DIST, 'index.js')))
    throw new Error(`build-cdktn: ${DIST}/index.js is missing; run tsc -p tsconfig.build.json first`);
  const files = entryClosure().map((file) => path.relative(DIST, file));
  const outside = files.filter((rel) => rel.startsWith('..') || rel.startsWith(`cdktn${path.sep}`));
  if (outside.length > 0) throw new Error(`build-cdktn: the entry imports files outside dist/: ${outside.join(', ')}`);
  const written = files.map((rel) => [rel, rewrite(rel, fs.readFileSync(path.join(DIST, rel), 'utf8'))]);
  if (!written.some(([rel]) => rel === 'binding.js'))
    throw new Error('build-cdktn: the entry does not load binding.js');
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const [rel, text] of written) {
    fs.mkdirSync(path.dirname(path.join(OUT, rel)), { recursive: true });
    fs.writeFileSync(path.join(OUT, rel), text);
  }
  // Silent on success: `npm pack --json` runs this through prepack, and its stdout is that JSON.
}

main();
