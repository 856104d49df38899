/** HCL for a root module holding one instance of a module per case, with literal inputs. */
import { attr, blank, renderBlock } from '../../src/core/hcl-writer';
import { hclKey, hclLiteral } from '../../src/core/hcl-values';

/** `module "<case>" { source = …, <inputs> }` for each case, inputs from `inputs(case)`. */
export function moduleInstances(
  source: string,
  cases: readonly string[],
  inputs: (name: string) => Record<string, unknown>,
): string {
  return cases
    .map((name) =>
      renderBlock(`module ${JSON.stringify(name)}`, [
        attr('source', JSON.stringify(source)),
        blank,
        ...Object.entries(inputs(name)).map(([k, v]) => attr(hclKey(k), hclLiteral(v))),
      ]),
    )
    .join('\n\n');
}
