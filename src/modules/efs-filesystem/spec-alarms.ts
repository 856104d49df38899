/**
 * efs-filesystem `alarms`: the CloudWatch alarms a platform team puts next to every file
 * system, declared once (the table of alarms, the input, the rules). build-alarms.ts creates
 * them from the same table.
 *
 * CloudWatch and EFS facts behind it (EFS metrics in namespace AWS/EFS, dimension FileSystemId;
 * CloudWatch PutMetricAlarm), in our words: EFS publishes one-minute metrics, so a period is a
 * multiple of 60 seconds; an alarm evaluates at most one day of data (period × evaluation
 * periods ≤ 86400 s); BurstCreditBalance only means something in bursting throughput mode and
 * PercentIOLimit is only published for General Purpose file systems; ClientConnections is not
 * published while no client is connected, so "no clients" is missing data.
 */
import {
  Expr,
  and,
  call,
  cond,
  eq,
  forEach,
  ge,
  get,
  gt,
  inputReader,
  isNull,
  le,
  lit,
  name,
  nullOr,
  show,
  template,
} from '../../core/expr';
import { Text, doc, hclOnly, nm, val } from '../../core/doc';
import type { Rule } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { optional, t } from '../../core/types';
import type { FileSystemInput } from './spec-file-system';

/** The alarms the module knows, by their key in `alarms`. */
export type AlarmKey =
  'burst_credit_balance' | 'percent_io_limit' | 'throughput_utilization' | 'storage_growth' | 'client_connections';

export interface AlarmDefinition {
  /** The key in `alarms` and in the alarm resource's for_each. */
  readonly key: AlarmKey;
  /** Name of the generated TypeScript interface of its settings. */
  readonly tsName: string;
  /** For the input's description: what the alarm watches and its default threshold. */
  readonly summary: Text;
  readonly enabled: boolean;
  readonly threshold: number;
  readonly unit: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** When the alarm applies, as a condition on other inputs (an HCL expression over `var.*`); null: always. */
  readonly appliesWhen: { readonly input: FileSystemInput; readonly equals: string } | null;
  /** Allowed thresholds: above `above`, at most `atMost`, whole when `whole`; `text` says so in a message. */
  readonly range: { readonly above: number; readonly atMost?: number; readonly whole?: boolean; readonly text: string };
}

export const GIB = 1073741824;
const SNS_TOPIC_ARN = '^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$';

export const ALARMS: readonly AlarmDefinition[] = [
  {
    key: 'burst_credit_balance',
    tsName: 'BurstCreditBalanceAlarm',
    summary: doc`burst credits (BurstCreditBalance, minimum) fall below ${nm('threshold')} GiB; only with ${nm('throughput_mode')} ${val('bursting')}. Default 350 GiB: about an hour of bursting at 100 MiB/s`,
    enabled: true,
    threshold: 350,
    unit: 'GiB',
    periodSeconds: 300,
    evaluationPeriods: 3,
    appliesWhen: { input: 'throughput_mode', equals: 'bursting' },
    range: { above: 0, text: 'a number of GiB above 0' },
  },
  {
    key: 'percent_io_limit',
    tsName: 'PercentIoLimitAlarm',
    summary: doc`the file system reaches ${nm('threshold')} percent of the General Purpose I/O limit (PercentIOLimit, average); only with ${nm('performance_mode')} ${val('generalPurpose')}. Default 90`,
    enabled: true,
    threshold: 90,
    unit: 'percent',
    periodSeconds: 300,
    evaluationPeriods: 3,
    appliesWhen: { input: 'performance_mode', equals: 'generalPurpose' },
    range: { above: 0, atMost: 100, text: 'a percentage above 0 and at most 100' },
  },
  {
    key: 'throughput_utilization',
    tsName: 'ThroughputUtilizationAlarm',
    summary: doc`throughput reaches ${nm('threshold')} percent of the permitted throughput (metric math: MeteredIOBytes per second over PermittedThroughput). Default 80`,
    enabled: true,
    threshold: 80,
    unit: 'percent',
    periodSeconds: 300,
    evaluationPeriods: 3,
    appliesWhen: null,
    range: { above: 0, atMost: 100, text: 'a percentage above 0 and at most 100' },
  },
  {
    key: 'storage_growth',
    tsName: 'StorageGrowthAlarm',
    summary: doc`the stored data (StorageBytes of storage class Total) grows faster than ${nm('threshold')} GiB a day (metric math over its rate). Default 100`,
    enabled: true,
    threshold: 100,
    unit: 'GiB per day',
    periodSeconds: 3600,
    evaluationPeriods: 3,
    appliesWhen: null,
    range: { above: 0, text: 'a number of GiB a day above 0' },
  },
  {
    key: 'client_connections',
    tsName: 'ClientConnectionsAlarm',
    summary: doc`fewer than ${nm('threshold')} clients are connected (ClientConnections, sum; no data counts as none). Replicas, file systems of scheduled jobs and new ones go without clients for long stretches, hence off unless enabled. Default 1`,
    enabled: false,
    threshold: 1,
    unit: 'connections',
    periodSeconds: 300,
    evaluationPeriods: 3,
    appliesWhen: null,
    range: { above: 0, whole: true, text: 'a whole number of connections of at least 1' },
  },
];

const alarmType = (a: AlarmDefinition) =>
  t.object(
    {
      enabled: optional(t.bool(), a.enabled),
      threshold: optional(t.number(), a.threshold),
      period_seconds: optional(t.number(), a.periodSeconds),
      evaluation_periods: optional(t.number(), a.evaluationPeriods),
    },
    a.tsName,
  );

const alarmField = (a: AlarmDefinition) => optional(alarmType(a), {});

/** Each alarm by its key, what it watches and its default. */
const alarmsList = ALARMS.map((a) => doc`${nm(a.key)}${a.enabled ? '' : ' (off by default)'}: ${a.summary}.`).reduce(
  (all, one) => doc`${all} ${one}`,
);

export const alarmsInputs = defineInputs([
  {
    name: 'alarms',
    onChange:
      'Each alarm is its own resource keyed by its name: a new threshold, period or topic updates that alarm in place; ' +
      'turning one on or off (or a mode change that makes it apply or not) creates or deletes only that alarm.',
    type: t.object(
      {
        sns_topic_arns: optional(t.list(t.string()), []),
        // One field per alarm, typed by its key so that builds read `alarms.<key>.threshold` typed.
        ...(Object.fromEntries(ALARMS.map((a) => [a.key, alarmField(a)])) as Record<
          AlarmKey,
          ReturnType<typeof alarmField>
        >),
      },
      'Alarms',
    ),
    description: doc.unset(
      'no alarms',
    )`CloudWatch alarms on the file system (namespace AWS/EFS, dimension FileSystemId)${hclOnly('; null: none')}; ${val({})}: every alarm with its default. Each alarm takes ${nm('enabled')}, ${nm('threshold')}, ${nm('period_seconds')} (a multiple of 60) and ${nm('evaluation_periods')}; turn one off by setting its ${nm('enabled')} to ${val(false)} (an alarm left out keeps its defaults). ${alarmsList} An alarm that does not apply to the chosen modes is not created. ${nm('sns_topic_arns')} receive both ALARM and OK notifications.`,
  },
]);

/** The input this file declares (part of `EfsFilesystemInput`). */
export type AlarmsInput = InputName<typeof alarmsInputs>;
const input = inputReader<AlarmsInput>();
const alarms = input('alarms');
const isWhole = (x: Expr) => eq(call('floor', x), x);
/** Terraform evaluates a validation's message even when its condition holds: read no field of null alarms. */
const whenAlarms = (message: Expr) => cond(isNull(alarms), lit('alarms is null'), message);

function settingsOk(a: AlarmDefinition, s: Expr): Expr {
  const threshold = get(s, 'threshold');
  const period = get(s, 'period_seconds');
  const evaluations = get(s, 'evaluation_periods');
  return and(
    gt(threshold, lit(a.range.above)),
    ...(a.range.atMost !== undefined ? [le(threshold, lit(a.range.atMost))] : []),
    ...(a.range.whole ? [isWhole(threshold)] : []),
    ge(period, lit(60)),
    eq(call('mod', period, lit(60)), lit(0)),
    ge(evaluations, lit(1)),
    isWhole(evaluations),
    le(call('times', period, evaluations), lit(86400)),
  );
}

export const alarmsRules: Rule<AlarmsInput>[] = [
  {
    id: 'alarms-sns-topic-arns',
    inputs: ['alarms'],
    summary: 'each alarms.sns_topic_arns entry is an SNS topic ARN',
    condition: nullOr(
      alarms,
      call(
        'alltrue',
        forEach(get(alarms, 'sns_topic_arns'), (_i, arn) => call('matches', arn, lit(SNS_TOPIC_ARN)), undefined, [
          'i',
          'arn',
        ]),
      ),
    ),
    message: whenAlarms(
      template`${name('alarms', 'sns_topic_arns')} must hold SNS topic ARNs such as "arn:aws:sns:us-east-1:111122223333:platform-alerts" (got ${show(get(alarms, 'sns_topic_arns'))}).`,
    ),
  },
  ...ALARMS.map((a): Rule<AlarmsInput> => {
    const s = get(alarms, a.key);
    return {
      id: `alarms-${a.key.replace(/_/g, '-')}-settings`,
      inputs: ['alarms'],
      summary: `alarms.${a.key} has a threshold that is ${a.range.text}, whole evaluation periods of a multiple of 60 seconds, at most one day in all`,
      condition: nullOr(alarms, settingsOk(a, s)),
      message: whenAlarms(
        template`${name('alarms', a.key)} must have a ${name('threshold')} that is ${lit(a.range.text)}, ${name('period_seconds')} a multiple of 60, ${name('evaluation_periods')} a whole number of at least 1, and ${name('period_seconds')} × ${name('evaluation_periods')} at most 86400 (one day) (got ${show(s)}).`,
      ),
    };
  }),
];
