/**
 * `efs-modules doctor` from code: preflight checks of a Terraform plan's JSON for EFS failure modes.
 * @module efs-modules/doctor
 */
export { diagnose } from './diagnose';
export { CHECKS, type Check } from './checks';
export type { CheckId, Finding, Severity } from './finding';
export { IncompletePlanError, parsePlan, PlanParseError } from './plan/parse';
export type { PlanJson } from './plan/types';
export { EXIT, fails } from './report/exit-code';
export { formatHuman } from './report/human';
export { formatJson, toJsonReport, type JsonReport } from './report/json';
export { formatRunTask, toRunTaskResult, type RunTaskResult } from './report/run-task';
export { formatSarif, sarifRefusal, toSarif, type SarifLog, type SarifOptions } from './report/sarif';
export { formatRefusal } from './report/refusal';
export { doctorMain } from './cli';
/** The whole command line (`doctor …`, `migrate …`), for callers that pass argv as typed. */
export { main } from '../cli';
