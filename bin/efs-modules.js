#!/usr/bin/env node
'use strict';
// Launcher for the efs-modules command line (`efs-modules doctor <plan.json>`,
// `efs-modules migrate terraform-aws-efs <state.json>`).
//
// - The npm package ships dist/ and bin/ only, so there it runs the compiled
//   dist/doctor/cli.js: plain JavaScript, no dependency at run time.
// - A source checkout has src/: it runs the TypeScript source through tsx's
//   require hook, in this same process (no second Node process, so exit codes,
//   signals and stdin need no forwarding). A dist/ left by an earlier build may
//   be stale there, so it is used only if tsx is missing.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'doctor', 'cli.ts');
const compiled = path.join(root, 'dist', 'doctor', 'cli.js');

function tsx() {
  try {
    return require('tsx/cjs/api');
  } catch {
    return undefined;
  }
}

function loadCli() {
  const hook = fs.existsSync(source) ? tsx() : undefined;
  if (hook) return hook.require(source, __filename);
  if (fs.existsSync(compiled)) return require(compiled);
  process.stderr.write('efs-modules: dist/doctor/cli.js is missing and the TypeScript source cannot run (tsx is not installed); build the package or run `npm install`.\n');
  process.exit(2);
}

loadCli().run(process.argv.slice(2));
