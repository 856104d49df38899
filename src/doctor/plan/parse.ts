import type { PlanJson } from './types';

/** The input is not the JSON of a Terraform plan. The CLI exits 2 on it. */
export class PlanParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanParseError';
  }
}

const HOW_TO = 'produce it with `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`';

/**
 * Parses the text of `terraform show -json <planfile>`, refusing what is
 * recognisably something else (a binary plan, a state, a `plan -json` log).
 * Beyond the top level the structure is trusted: it is Terraform's own output.
 */
export function parsePlan(text: string): PlanJson {
  if (text.startsWith('PK')) {
    throw new PlanParseError(`this is a binary plan file, not its JSON; ${HOW_TO}`);
  }
  if (text.trim() === '') throw new PlanParseError(`the input is empty; ${HOW_TO}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    if (firstLine.startsWith('{') && firstLine.includes('"@level"')) {
      throw new PlanParseError(`this is the streamed log of \`terraform plan -json\`, not a plan; ${HOW_TO}`);
    }
    throw new PlanParseError(`the input is not JSON (${(error as Error).message}); ${HOW_TO}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PlanParseError(`expected a JSON object; ${HOW_TO}`);
  }
  const record = data as Record<string, unknown>;
  if (typeof record.format_version !== 'string') {
    throw new PlanParseError(`the JSON has no format_version, so it is not Terraform's JSON output; ${HOW_TO}`);
  }
  if (!record.format_version.startsWith('1.')) {
    throw new PlanParseError(`unsupported format_version ${record.format_version} (this tool reads 1.x)`);
  }
  if (!('resource_changes' in record) && !('planned_values' in record) && !('configuration' in record)) {
    const what = 'values' in record ? 'the JSON of a state (`terraform show -json` without a plan file)' : 'not a plan';
    throw new PlanParseError(`this is ${what}; ${HOW_TO}`);
  }
  if (record.resource_changes !== undefined && !Array.isArray(record.resource_changes)) {
    throw new PlanParseError('resource_changes is not a list');
  }
  return data as PlanJson;
}
