/**
 * One run task, after the 200: fetch the plan JSON, run the doctor, send the verdict. Every
 * path ends in one callback (a verdict, or `failed` with why nothing was checked), and nothing
 * here throws: a job that fails is logged, never a crash of the service.
 */
import { diagnose } from '../diagnose';
import { IncompletePlanError, parsePlan, PlanParseError } from '../plan/parse';
import { sendTaskResult, type CallbackLimits } from './callback';
import { fetchPlanJson, type FetchLimits } from './fetch-plan';
import { ExchangeError } from './http-client';
import type { RunTaskRequest } from './payload';
import { withRetries } from './retry';
import { notCheckedResult, verdictResult, type TaskResult } from './task-result';

export interface JobSettings {
  strict: boolean;
  fetch: FetchLimits & { attempts: number; delayMs: number };
  callback: CallbackLimits;
  log(line: string): void;
}

export function describeRun(request: RunTaskRequest): string {
  return request.runId ?? request.taskResultId ?? 'a run';
}

async function judge(request: RunTaskRequest, settings: JobSettings): Promise<TaskResult> {
  const apiUrl = request.planJsonApiUrl;
  if (apiUrl === undefined) {
    return notCheckedResult(
      `the run task ran at the ${request.stage} stage, which has no plan JSON; attach it to the workspace at the post-plan stage`,
    );
  }
  let text: string;
  try {
    text = await withRetries(settings.fetch, () => fetchPlanJson(apiUrl, request.accessToken, settings.fetch));
  } catch (error) {
    if (error instanceof ExchangeError) return notCheckedResult(`the plan JSON could not be fetched: ${error.message}`);
    throw error;
  }
  let plan;
  try {
    plan = parsePlan(text);
  } catch (error) {
    // An errored or incomplete plan: parsePlan says why nothing can be checked.
    if (error instanceof IncompletePlanError) return notCheckedResult(error.message);
    if (error instanceof PlanParseError) return notCheckedResult(`the plan JSON could not be read: ${error.message}`);
    throw error;
  }
  return verdictResult(diagnose(plan), settings.strict, request.acceptsOutcomes);
}

export async function runJob(request: RunTaskRequest, settings: JobSettings): Promise<void> {
  const run = describeRun(request);
  let result: TaskResult;
  try {
    result = await judge(request, settings);
  } catch (error) {
    // A bug of the doctor on an unusual plan: say so rather than leave the run waiting.
    settings.log(`${run}: the doctor failed: ${(error as Error).stack ?? String(error)}`);
    result = notCheckedResult(`the doctor failed on this plan (${(error as Error).message}); please report it`);
  }
  const { status, message } = result.data.attributes;
  const outcomes = result.data.relationships?.outcomes.data.length;
  try {
    const answer = await sendTaskResult(request.taskResultCallbackUrl, request.accessToken, result, settings.callback);
    settings.log(
      `${run}: sent ${status}${outcomes === undefined ? '' : ` with ${outcomes} outcome(s)`} (callback answered ${answer}): ${message}`,
    );
  } catch (error) {
    settings.log(`${run}: could not send the ${status} result: ${(error as Error).message}`);
  }
}
