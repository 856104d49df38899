#!/usr/bin/env node
'use strict';
// Launcher for the efs-modules command line (`efs-modules doctor <plan.json>`).
//
// - With compiled output (a build, or a packed package that ships it), run
//   dist/doctor/cli.js: plain JavaScript, nothing else needed at run time.
// - In a source checkout without a build, run the TypeScript source through
//   tsx's require hook in this same process: no second Node process, so exit
//   codes, signals and stdin need no forwarding, and tsx is a devDependency
//   that every checkout has after `npm install`.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'doctor', 'cli.js');

function loadCli() {
  if (fs.existsSync(compiled)) return require(compiled);
  let tsx;
  try {
    tsx = require('tsx/cjs/api');
  } catch {
    process.stderr.write(
      'efs-modules: dist/doctor/cli.js is missing and tsx is not installed; build the package or run `npm install`.\n',
    );
    process.exit(2);
  }
  return tsx.require('../src/doctor/cli.ts', __filename);
}

loadCli().run(process.argv.slice(2));
