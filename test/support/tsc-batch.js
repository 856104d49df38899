/**
 * Type-checks the project in the directory given as its argument (its tsconfig.json lists the
 * sources of one batch, `<key>.ts`) with one compiler Program, and prints a JSON object: for each
 * key, whether that source has errors and its diagnostics, one a line, reading `app.ts(line,col)`.
 *
 * Run by compileSources (test/support/tsc.ts) in a process of its own, so the compiler's memory
 * (some 300 MB for src/ and cdktf's typings) is not held by the jest worker.
 *
 * Each result holds what a `tsc -p` of that source alone would report:
 * - its own diagnostics;
 * - the diagnostics of everything the sources share (config, options, global, and files outside
 *   the batch, such as src/), which a compilation of the source alone would report too; an error
 *   in a file outside the batch reaches every source, even one that does not import that file, so
 *   a source expected to compile fails rather than passing by mistake.
 * `tsc` reports no semantic diagnostic while any file has a syntax error; per source, that is the
 * syntax errors of that source or of the shared files, never those of another source of the batch.
 */
// @ts-check
const path = require('node:path');
const ts = require('typescript');

const dir = path.resolve(process.argv[2]);
const host = {
  getCurrentDirectory: () => dir,
  getCanonicalFileName: (/** @type {string} */ f) => f,
  getNewLine: () => '\n',
};

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(dir, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.formatDiagnostic(d, host));
    },
  },
);
if (!config) throw new Error(`no tsconfig.json in ${dir}`);
const program = ts.createProgram({
  rootNames: config.fileNames,
  options: config.options,
  configFileParsingDiagnostics: config.errors,
});

/** The batch's sources by key; every other file of the program is shared. */
const sources = new Map(config.fileNames.map((f) => [path.basename(f, '.ts'), program.getSourceFile(f)]));
const own = new Set([...sources.values()]);
const sharedFiles = program.getSourceFiles().filter((f) => !own.has(f));

// What a compilation of any one source alone reports besides that source's own diagnostics, in
// the order and with the conditions of `tsc` (emitFilesAndReportErrors in its command line).
const configDiagnostics = program.getConfigFileParsingDiagnostics();
const sharedSyntax = sharedFiles.flatMap((f) => program.getSyntacticDiagnostics(f));
const optionsAndGlobal = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
/** @type {readonly ts.Diagnostic[] | undefined} */
let sharedSemantics;

/** @type {Record<string, { hasErrors: boolean, output: string }>} */
const results = {};
for (const [key, file] of sources) {
  if (!file) throw new Error(`${key}.ts is not in the program`);
  const diagnostics = [...configDiagnostics, ...sharedSyntax, ...program.getSyntacticDiagnostics(file)];
  if (diagnostics.length === configDiagnostics.length) {
    diagnostics.push(...optionsAndGlobal);
    if (diagnostics.length === configDiagnostics.length) {
      sharedSemantics ??= sharedFiles.flatMap((f) => program.getSemanticDiagnostics(f));
      diagnostics.push(...sharedSemantics, ...program.getSemanticDiagnostics(file));
    }
  }
  const sorted = ts.sortAndDeduplicateDiagnostics(diagnostics);
  const prefix = `${key}.ts(`;
  const lines = sorted.map((d) => {
    const text = ts.formatDiagnostic(d, host);
    // The source is app.ts to its test, as when it was compiled alone under that name.
    return d.file === file && text.startsWith(prefix) ? `app.ts(${text.slice(prefix.length)}` : text;
  });
  results[key] = { hasErrors: sorted.some((d) => d.category === ts.DiagnosticCategory.Error), output: lines.join('') };
}
process.stdout.write(JSON.stringify(results));
