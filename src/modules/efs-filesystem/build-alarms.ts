/**
 * efs-filesystem `alarms`: one CloudWatch alarm per entry of the table in spec-alarms.ts,
 * keyed by the alarm's name. Which alarms exist depends on inputs only (`alarms`, each
 * alarm's `enabled`, `throughput_mode`, `performance_mode`), so the keys are known at plan
 * time even when the file system is created in the same apply.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformResource } from '../../cdktf';
import { addDynamic, forEachOf, num, stringList, stringMap } from '../../core/blocks';
import { hclLiteral, hclObject, hclString } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';
import { ALARMS, AlarmDefinition, GIB } from './spec-alarms';

interface Query {
  readonly id: string;
  /** Metric math over the other queries; null for a metric. */
  readonly expression?: string;
  readonly metric?: { readonly name: string; readonly stat: string; readonly storageClass?: string };
  readonly returnData: boolean;
}

/** How each alarm reads its metrics and compares them with its threshold. */
const HOW: Record<
  string,
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

const str = (s: string | undefined) => hclLiteral(s ?? null);

function definition(ctx: BuildContext<EfsFilesystemInput>, alarm: AlarmDefinition): string {
  const how = HOW[alarm.key];
  if (!how) throw new Error(`build-alarms: no metrics declared for alarm ${alarm.key}`);
  const settings = `${ctx.in('alarms')}.${alarm.key}`;
  const applies = alarm.appliesWhen
    ? ` && ${ctx.in(alarm.appliesWhen.input)} == ${hclString(alarm.appliesWhen.equals)}`
    : '';
  const queries = how.queries.map((q) =>
    hclObject({
      id: str(q.id),
      expression: str(q.expression),
      metric_name: str(q.metric?.name),
      stat: str(q.metric?.stat),
      dimensions: q.metric?.storageClass ? `{ StorageClass = ${str(q.metric.storageClass)} }` : '{}',
      return_data: String(q.returnData),
    }),
  );
  return hclObject({
    create: `${settings}.enabled${applies}`,
    description: `"EFS file system \${${ctx.in('name')}}: ${how.says}"`,
    comparison: hclString(how.comparison),
    threshold: how.thresholdScale === 1 ? `${settings}.threshold` : `${settings}.threshold * ${how.thresholdScale}`,
    period: `${settings}.period_seconds`,
    evaluation_periods: `${settings}.evaluation_periods`,
    treat_missing_data: hclString(how.missingData),
    actions: `${ctx.in('alarms')}.sns_topic_arns`,
    queries: `[\n${queries.map((q) => `  ${q.split('\n').join('\n  ')},`).join('\n')}\n]`,
  });
}

export function buildAlarms(ctx: BuildContext<EfsFilesystemInput>, fileSystem: TerraformResource): void {
  const { scope, in: v } = ctx;
  const definitions = ALARMS.map((a) => `${a.key} = ${definition(ctx, a).split('\n').join('\n  ')}`);
  const alarms = ctx.local(
    'alarm_definitions',
    ex(`${v('alarms')} == null ? {} : {\n  ${definitions.join('\n  ')}\n}`),
    'One entry per alarm the module knows, each with `create` saying whether it applies to the chosen modes: ' +
      'the alarm resource keys its for_each by these fixed names, known at plan time.',
  );

  const alarm = ctx.named(
    new CloudwatchMetricAlarm(scope, 'alarm', {
      forEach: forEachOf(ex(`{ for name, alarm in ${alarms} : name => alarm if alarm.create }`)),
      alarmName: ex(`"\${${v('name')}}-efs-\${replace(each.key, "_", "-")}"`),
      alarmDescription: ex('each.value.description'),
      comparisonOperator: ex('each.value.comparison'),
      threshold: num(ex('each.value.threshold')),
      evaluationPeriods: num(ex('each.value.evaluation_periods')),
      treatMissingData: ex('each.value.treat_missing_data'),
      alarmActions: stringList(ex('each.value.actions')),
      okActions: stringList(ex('each.value.actions')),
      tags: stringMap(ex(v('tags'))),
    }),
    'this',
  );
  ctx.explain(
    alarm,
    'Every argument reads each.value, never var.alarms itself: in a construct the input is a constant, which ' +
      'Terraform evaluates even when no alarm is created, and there may be no alarms object at all.',
  );
  addDynamic(alarm, 'metric_query', {
    forEach: ex('each.value.queries'),
    content: {
      id: ex('metric_query.value.id'),
      expression: ex('metric_query.value.expression'),
      return_data: ex('metric_query.value.return_data'),
      dynamic: {
        metric: {
          for_each: ex('metric_query.value.metric_name == null ? [] : [metric_query.value]'),
          content: {
            namespace: 'AWS/EFS',
            metric_name: ex('metric.value.metric_name'),
            stat: ex('metric.value.stat'),
            period: ex('each.value.period'),
            dimensions: ex(`merge({ FileSystemId = ${ctx.address(fileSystem)}.id }, metric.value.dimensions)`),
          },
        },
      },
    },
  });
}
