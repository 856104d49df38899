/**
 * efs-filesystem `alarms`: one CloudWatch alarm per entry of the table in spec-alarms.ts,
 * keyed by the alarm's name. Which alarms exist depends on inputs only (`alarms`, each
 * alarm's `enabled`, `throughput_mode`, `performance_mode`), so the keys are known at plan
 * time even when the file system is created in the same apply.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformResource } from '../../cdktf';
import { addDynamic, forEachOf, num, stringList, stringMap } from '../../core/blocks';
import {
  type Expr,
  and,
  call,
  eachOf,
  eq,
  forMap,
  get,
  cond,
  isNull,
  iteratorOf,
  list,
  lit,
  obj,
  template,
} from '../../core/expr';
import type { EfsFilesystemContext } from './spec';
import { ALARMS, AlarmDefinition, AlarmKey, GIB } from './spec-alarms';

interface Query {
  readonly id: string;
  /** Metric math over the other queries; null for a metric. */
  readonly expression?: string;
  readonly metric?: { readonly name: string; readonly stat: string; readonly storageClass?: string };
  readonly returnData: boolean;
}

/** How each alarm reads its metrics and compares them with its threshold. */
const HOW: Record<
  AlarmKey,
  { says: string; comparison: string; missingData: string; thresholdScale: number; queries: Query[] }
> = {
  burst_credit_balance: {
    says: 'burst credits are running low',
    comparison: 'LessThanThreshold',
    missingData: 'missing',
    thresholdScale: GIB, // the metric counts bytes; the threshold is given in GiB
    queries: [{ id: 'credits', metric: { name: 'BurstCreditBalance', stat: 'Minimum' }, returnData: true }],
  },
  percent_io_limit: {
    says: 'close to the General Purpose I/O limit',
    comparison: 'GreaterThanOrEqualToThreshold',
    missingData: 'missing',
    thresholdScale: 1,
    queries: [{ id: 'io', metric: { name: 'PercentIOLimit', stat: 'Average' }, returnData: true }],
  },
  throughput_utilization: {
    says: 'close to the permitted throughput',
    comparison: 'GreaterThanOrEqualToThreshold',
    missingData: 'missing',
    thresholdScale: 1,
    queries: [
      { id: 'metered', metric: { name: 'MeteredIOBytes', stat: 'Sum' }, returnData: false },
      { id: 'permitted', metric: { name: 'PermittedThroughput', stat: 'Average' }, returnData: false },
      // Bytes moved per second over the period, as a percentage of the bytes per second permitted.
      { id: 'utilization', expression: '100 * (metered / PERIOD(metered)) / permitted', returnData: true },
    ],
  },
  storage_growth: {
    says: 'stored data is growing fast',
    comparison: 'GreaterThanThreshold',
    missingData: 'missing',
    thresholdScale: 1,
    queries: [
      { id: 'stored', metric: { name: 'StorageBytes', stat: 'Average', storageClass: 'Total' }, returnData: false },
      // RATE is per second; the threshold is GiB a day.
      { id: 'growth', expression: `RATE(stored) * 86400 / ${GIB}`, returnData: true },
    ],
  },
  client_connections: {
    says: 'too few clients are connected',
    comparison: 'LessThanThreshold',
    // EFS publishes nothing while no client is connected: no data is the very case to alarm on.
    missingData: 'breaching',
    thresholdScale: 1,
    queries: [{ id: 'clients', metric: { name: 'ClientConnections', stat: 'Sum' }, returnData: true }],
  },
};

/** One entry of `local.alarm_definitions`: the alarm's settings, and `create` saying whether it applies. */
function definition(ctx: EfsFilesystemContext, alarm: AlarmDefinition): Expr {
  const how = HOW[alarm.key];
  const alarms = ctx.input('alarms');
  const settings = get(alarms, alarm.key);
  const enabled = get(settings, 'enabled');
  const threshold = get(settings, 'threshold');
  const queries = how.queries.map((q) =>
    obj({
      id: lit(q.id),
      expression: lit(q.expression ?? null),
      metric_name: lit(q.metric?.name ?? null),
      stat: lit(q.metric?.stat ?? null),
      dimensions: lit(q.metric?.storageClass ? { StorageClass: q.metric.storageClass } : {}),
      return_data: lit(q.returnData),
    }),
  );
  return obj({
    create: alarm.appliesWhen
      ? and(enabled, eq(ctx.input(alarm.appliesWhen.input), lit(alarm.appliesWhen.equals)))
      : enabled,
    description: template`EFS file system ${ctx.input('name')}: ${how.says}`,
    comparison: lit(how.comparison),
    threshold: how.thresholdScale === 1 ? threshold : call('times', threshold, lit(how.thresholdScale)),
    period: get(settings, 'period_seconds'),
    evaluation_periods: get(settings, 'evaluation_periods'),
    treat_missing_data: lit(how.missingData),
    actions: get(alarms, 'sns_topic_arns'),
    queries: list(...queries),
  });
}

export function buildAlarms(ctx: EfsFilesystemContext, fileSystem: TerraformResource): void {
  const { scope, input: v } = ctx;
  const definitions = Object.fromEntries(ALARMS.map((a) => [a.key, definition(ctx, a)]));
  const alarms = ctx.local(
    'alarm_definitions',
    cond(isNull(v('alarms')), obj({}), obj(definitions)),
    'One entry per alarm the module knows, each with `create` saying whether it applies to the chosen modes: ' +
      'the alarm resource keys its for_each by these fixed names, known at plan time.',
  );
  const created = forMap(
    alarms,
    (name, a) => [name, a],
    (_name, a) => get(a, 'create'),
    ['name', 'alarm'],
  );
  const each = eachOf(created);
  const setting = (name: string) => get(each.value, name);

  const alarm = ctx.named(
    new CloudwatchMetricAlarm(scope, 'alarm', {
      forEach: forEachOf(ctx.tf(created)),
      alarmName: ctx.tf(template`${v('name')}-efs-${call('replace', each.key, lit('_'), lit('-'))}`),
      alarmDescription: ctx.tf(setting('description')),
      comparisonOperator: ctx.tf(setting('comparison')),
      threshold: num(ctx.tf(setting('threshold'))),
      evaluationPeriods: num(ctx.tf(setting('evaluation_periods'))),
      treatMissingData: ctx.tf(setting('treat_missing_data')),
      alarmActions: stringList(ctx.tf(setting('actions'))),
      okActions: stringList(ctx.tf(setting('actions'))),
      tags: stringMap(ctx.tf(v('tags'))),
    }),
    'this',
  );
  ctx.explain(
    alarm,
    'Every argument reads each.value, never var.alarms itself: in a construct the input is a constant, which ' +
      'Terraform evaluates even when no alarm is created, and there may be no alarms object at all.',
  );
  const query = iteratorOf('metric_query', setting('queries')).value;
  const metrics = cond(isNull(get(query, 'metric_name')), list(), list(query));
  const metric = iteratorOf('metric', metrics).value;
  addDynamic(alarm, 'metric_query', {
    forEach: ctx.tf(setting('queries')),
    content: {
      id: ctx.tf(get(query, 'id')),
      expression: ctx.tf(get(query, 'expression')),
      return_data: ctx.tf(get(query, 'return_data')),
      dynamic: {
        metric: {
          for_each: ctx.tf(metrics),
          content: {
            namespace: 'AWS/EFS',
            metric_name: ctx.tf(get(metric, 'metric_name')),
            stat: ctx.tf(get(metric, 'stat')),
            period: ctx.tf(setting('period')),
            dimensions: ctx.tf(
              call('merge', obj({ FileSystemId: get(ctx.ref(fileSystem), 'id') }), get(metric, 'dimensions')),
            ),
          },
        },
      },
    },
  });
}
