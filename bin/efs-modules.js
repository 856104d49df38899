#!/usr/bin/env node
'use strict';
// Launcher for the efs-modules command line (`efs-modules doctor <plan.json>`,
// `efs-modules migrate terraform-aws-efs <state.json>`).
//
// - The npm package ships dist/ and bin/ only, so there it runs the compiled
//   dist/cli.js: plain JavaScript, no dependency at run time.
// - A source checkout has src/ and scripts/run-ts.js: it runs the TypeScript
//   source through that esbuild require hook, in this same process (no second
//   Node process, so exit codes, signals and stdin need no forwarding). A dist/
//   left by an earlier build may be stale there, so it is used only if the hook
//   cannot load (esbuild not installed).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'cli.ts');
const hookFile = path.join(root, 'scripts', 'run-ts.js');
const compiled = path.join(root, 'dist', 'cli.js');

function sourceHook() {
  if (!fs.existsSync(source) || !fs.existsSync(hookFile)) return false;
  try {
    require.resolve('esbuild', { paths: [root] });
  } catch {
    return false;
  }
  require(hookFile).register();
  return true;
}

function loadCli() {
  if (sourceHook()) return require(source);
  if (fs.existsSync(compiled)) return require(compiled);
  process.stderr.write(
    'efs-modules: dist/cli.js is missing and the TypeScript source cannot run (esbuild is not installed); build the package or run `npm install`.\n',
  );
  process.exit(2);
}

loadCli().run(process.argv.slice(2));
