/**
 * One error per mistake: two mistakes made together (every pair of declared bad inputs of a
 * module that set the same input, the second laid over the first field by field) give at most their own two errors, and
 * every rule still evaluates. A rule that reads a value another rule refuses (the lifecycle
 * ordering reads `transition_to_ia`) must stay silent, not fail to evaluate (HCL's `index()` on
 * a misspelt age) nor report a second error that follows from the first. The evaluator fails
 * where Terraform's expression would (index of a missing item, ordering a null or a word), so
 * this sweep, which costs no plan, finds the rules that would; validation.test.ts and
 * token-rules.test.ts then plan the cases it led to with the real provider.
 */
import { MODULES } from '../../generators/registry';
import type { BadInput, TestedModule } from '../../src/core/cases';
import { check } from '../../src/core/rules';
import { inputTypes } from '../../src/core/spec';
import { hclInputValues } from '../../src/core/values';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `over` laid on `under`: objects (and maps) field by field, anything else replaced. */
function layered(under: unknown, over: unknown): unknown {
  if (!isObject(under) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...under };
  for (const [k, v] of Object.entries(over)) out[k] = k in under ? layered(under[k], v) : v;
  return out;
}

interface Outcome {
  readonly pair: string;
  readonly problem: string;
}

/**
 * What goes wrong when `second`'s mistake is made on top of `first`'s: a rule that fails to
 * evaluate, where Terraform would print "Error in function call" or "Invalid operand" beside the
 * right message. (Which rules report the combination is not asked here: laying one case over
 * another can make a third mistake of its own, such as a vault both named and given by ARN.)
 */
function outcome(def: TestedModule, first: BadInput, second: BadInput): Outcome | undefined {
  const inputs = layered({ ...def.cases.valid, ...first.set }, second.set) as Record<string, unknown>;
  try {
    check(def.spec.rules, hclInputValues(def.spec, inputs), 'hcl', inputTypes(def.spec));
    return undefined;
  } catch (e) {
    return { pair: `${first.title} + ${second.title}`, problem: (e as Error).message };
  }
}

describe.each(MODULES.map((def) => [def.spec.name, def] as const))('%s', (_name, def) => {
  test('every rule evaluates on every pair of mistakes made together', () => {
    const problems: Outcome[] = [];
    for (const first of def.cases.bad) {
      for (const second of def.cases.bad) {
        // Mistakes in different inputs meet only in rules across inputs, which stay silent while
        // an input fails a rule of its own (rules.ts, assess and afterOwnRules): skipped, for time.
        if (first === second || !Object.keys(second.set).some((k) => k in first.set)) continue;
        const o = outcome(def, first, second);
        if (o) problems.push(o);
      }
    }
    expect(problems).toEqual([]);
  });
});
