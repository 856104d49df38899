/**
 * An HCL root module that calls one module once per case, so one `terraform plan` checks
 * many bad inputs at once (a plan costs seconds; a `terraform test` run costs ~1 s each).
 */
import type { BadInput, TestedModule } from '../../src/core/cases';
import { attr, blank, renderBlock } from '../../src/core/hcl-writer';
import { runName } from '../../generators/tftest';
import { caseInputs } from './cases';
import { hclKey, hclLiteral } from '../../src/core/hcl-values';

export interface Wrapper {
  readonly hcl: string;
  /** The case whose module block spans a given line of the wrapper's main.tf. */
  caseAtLine(line: number): BadInput | undefined;
}

export function wrapperFor(def: TestedModule, cases: readonly BadInput[], source: string): Wrapper {
  const spans: { from: number; to: number; c: BadInput }[] = [];
  const blocks: string[] = [];
  let line = 1;
  for (const c of cases) {
    const inputs = caseInputs(def, c);
    const text = renderBlock(`module ${JSON.stringify(runName(c))}`, [
      attr('source', JSON.stringify(source)),
      blank,
      ...Object.entries(inputs).map(([k, v]) => attr(hclKey(k), hclLiteral(v))),
    ]);
    const lines = text.split('\n').length;
    spans.push({ from: line, to: line + lines - 1, c });
    blocks.push(text);
    line += lines + 1;
  }
  return {
    hcl: `${blocks.join('\n\n')}\n`,
    caseAtLine: (l) => spans.find((s) => l >= s.from && l <= s.to)?.c,
  };
}
