// Lints the tree, then one probe source given on stdin as if it were the file named by the first
// argument, in one ESLint process: the probe reuses the type information built for the tree
// (a second process would build it again). Prints JSON: the tree's report as `eslint .` prints
// it (empty when clean), and the rule ids the probe broke.
import { ESLint } from 'eslint';

const [probePath] = process.argv.slice(2);
const probeSource = await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
});
const eslint = new ESLint();
const tree = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const [probe] = await eslint.lintText(probeSource, { filePath: probePath });
process.stdout.write(
  JSON.stringify({
    tree: await formatter.format(tree),
    warnings: tree.reduce((n, r) => n + r.warningCount, 0),
    errors: tree.reduce((n, r) => n + r.errorCount, 0),
    probe: probe.messages.map((m) => m.ruleId ?? m.message),
  }),
);
