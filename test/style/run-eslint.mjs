// Type-checks and lints the tree with one TypeScript program, then does both to one probe source
// given on stdin as if it were the file named by the first argument. The program is the one
// `tsc --noEmit` builds (tsconfig.json): its diagnostics are the type check, and ESLint's
// type-aware rules read their type information from it instead of building a program of their
// own. The probe's program reuses the tree's (`oldProgram`): only the probe is parsed again.
// Prints JSON: the type errors and the lint report as `tsc` and `eslint .` print them (empty when
// clean), and the diagnostic codes and rule ids the probe broke.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const [probePath] = process.argv.slice(2).map((p) => resolve(p));
const probeSource = await new Promise((done) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => done(text));
});

const config = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.json',
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const { fileNames: rootNames, options } = config;
const program = ts.createProgram({ rootNames, options });

// The probe's program: the tree's, with the probe in place of the file it stands for.
const host = ts.createCompilerHost(options);
const readSourceFile = host.getSourceFile.bind(host);
host.getSourceFile = (fileName, languageVersion, ...rest) =>
  resolve(fileName) === probePath
    ? ts.createSourceFile(fileName, probeSource, languageVersion, true)
    : (program.getSourceFile(fileName) ?? readSourceFile(fileName, languageVersion, ...rest));
const probeProgram = ts.createProgram({ rootNames, options, host, oldProgram: program });

const formatHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};
const typeErrors = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), formatHost);
const probeTypeErrors = ts
  .getPreEmitDiagnostics(probeProgram, probeProgram.getSourceFile(probePath))
  .map((d) => `TS${d.code}`);

/** ESLint with the configuration's rules, its type information from `programs`. */
const eslintOver = (programs) =>
  new ESLint({ overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs } } } });
const tree = await eslintOver([program]).lintFiles(['.']);
const formatter = await eslintOver([program]).loadFormatter('stylish');
const [probe] = await eslintOver([probeProgram]).lintText(probeSource, { filePath: probePath });
process.stdout.write(
  JSON.stringify({
    typeErrors,
    probeTypeErrors,
    tree: await formatter.format(tree),
    warnings: tree.reduce((n, r) => n + r.warningCount, 0),
    errors: tree.reduce((n, r) => n + r.errorCount, 0),
    probe: probe.messages.map((m) => m.ruleId ?? m.message),
  }),
);
