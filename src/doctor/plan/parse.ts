import type { PlanJson } from './types';

/** The input is not the JSON of a Terraform plan. The CLI exits 2 on it. */
export class PlanParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanParseError';
  }
}

/**
 * The input is a plan, but not one that can be checked: planning stopped at an error, or the
 * plan holds only part of the configuration's changes. Nothing is checked; the CLI exits 2.
 */
export class IncompletePlanError extends PlanParseError {
  constructor(message: string) {
    super(message);
    this.name = 'IncompletePlanError';
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
  const incomplete = whyIncomplete(record);
  if (incomplete) throw new IncompletePlanError(incomplete);
  return data as PlanJson;
}

/**
 * Why a plan cannot be checked, from the flags `terraform show -json` writes (Terraform 1.8 and
 * later). `terraform plan -out` saves a plan file even when planning fails (a failed
 * precondition, a provider that cannot authenticate): its JSON says `"errored": true` and holds
 * only the changes planned before the error, or none. `"complete": false` marks a plan that
 * leaves changes out (`-target`, deferred changes). `"applyable": false` alone is not refused: a
 * plan with no changes says so too (measured with Terraform 1.11.4), and has nothing wrong.
 */
function whyIncomplete(record: Record<string, unknown>): string | undefined {
  const nothingChecked = 'so nothing was checked';
  if (record.errored === true) {
    return `this plan is errored ("errored": true): terraform plan stopped at an error, and the plan file holds only what was planned before it, ${nothingChecked}. Fix the errors terraform plan printed, plan again, and check the new plan`;
  }
  if (record.complete === false) {
    return `this plan is incomplete ("complete": false): it leaves out changes of the configuration (a plan made with -target, or with deferred changes), ${nothingChecked}. Check a plan of the whole configuration`;
  }
  return undefined;
}
