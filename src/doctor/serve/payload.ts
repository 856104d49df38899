/**
 * The body HCP Terraform (or Terraform Enterprise) POSTs to a run task's URL, as its
 * "run tasks integration" API describes it (payload_version 1). Only the fields the service
 * uses are kept; the rest (workspace, VCS details) are ignored.
 */

/** The token HCP Terraform sends when it checks the URL while a run task is created or edited. */
export const VERIFICATION_TOKEN = 'test-token';

export type Stage = 'pre_plan' | 'post_plan' | 'pre_apply' | 'post_apply';

const STAGES: readonly Stage[] = ['pre_plan', 'post_plan', 'pre_apply', 'post_apply'];

export interface RunTaskRequest {
  stage: Stage;
  accessToken: string;
  taskResultCallbackUrl: string;
  /** Present from the post_plan stage on; absent at pre_plan and in verification requests. */
  planJsonApiUrl?: string;
  /**
   * Whether the caller accepts per-finding outcomes (`capabilities.outcomes`); older Terraform
   * Enterprise versions do not.
   */
  acceptsOutcomes: boolean;
  /** For logs only. */
  runId?: string;
  taskResultId?: string;
  enforcementLevel?: string;
}

/**
 * A run to check; HCP Terraform's own check of the URL (answer 200 and do nothing); or a body
 * that is neither, with what is wrong with it in one sentence (the 400 answer).
 */
export type ParsedPayload =
  { kind: 'task'; request: RunTaskRequest } | { kind: 'verification' } | { kind: 'invalid'; problem: string };

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Reads and checks a request body (already authenticated by its signature). Never throws. */
export function parsePayload(body: Buffer): ParsedPayload {
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { kind: 'invalid', problem: `the body is not JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { kind: 'invalid', problem: 'the body is not a JSON object' };
  const record = data as Record<string, unknown>;
  const accessToken = optionalString(record, 'access_token');
  if (accessToken === undefined) return { kind: 'invalid', problem: 'access_token is missing' };
  // The verification request is answered before the other fields are judged: a newer HCP
  // Terraform may shape it differently, and refusing it would refuse the run task's creation.
  if (accessToken === VERIFICATION_TOKEN) return { kind: 'verification' };
  if (record.payload_version !== 1) {
    return {
      kind: 'invalid',
      problem: `payload_version ${JSON.stringify(record.payload_version)} is not supported (this service reads 1)`,
    };
  }
  const stage = record.stage;
  if (typeof stage !== 'string' || !STAGES.includes(stage as Stage)) {
    return { kind: 'invalid', problem: `stage ${JSON.stringify(stage)} is not one of ${STAGES.join(', ')}` };
  }
  const taskResultCallbackUrl = optionalString(record, 'task_result_callback_url');
  if (taskResultCallbackUrl === undefined || !isHttpUrl(taskResultCallbackUrl)) {
    return { kind: 'invalid', problem: 'task_result_callback_url is missing or not an http(s) URL' };
  }
  const planJsonApiUrl = optionalString(record, 'plan_json_api_url');
  if (planJsonApiUrl !== undefined && !isHttpUrl(planJsonApiUrl))
    return { kind: 'invalid', problem: 'plan_json_api_url is not an http(s) URL' };
  const capabilities = record.capabilities;
  const acceptsOutcomes =
    typeof capabilities === 'object' &&
    capabilities !== null &&
    (capabilities as Record<string, unknown>).outcomes === true;
  return {
    kind: 'task',
    request: {
      stage: stage as Stage,
      accessToken,
      taskResultCallbackUrl,
      planJsonApiUrl,
      acceptsOutcomes,
      runId: optionalString(record, 'run_id'),
      taskResultId: optionalString(record, 'task_result_id'),
      enforcementLevel: optionalString(record, 'task_result_enforcement_level'),
    },
  };
}
