/** Bad `alarms` inputs of efs-filesystem, one rule each (see spec-alarms.ts). */
import type { BadInput } from '../../core/cases';
import type { AlarmsInput } from './spec-alarms';

export const alarmsBadInputs: BadInput<AlarmsInput>[] = [
  {
    rule: 'alarms-sns-topic-arns',
    title: 'alarm topic given by name',
    set: { alarms: { sns_topic_arns: ['platform-alerts'] } },
    names: ['alarms.sns_topic_arns'],
    shows: ['["platform-alerts"]'],
  },
  {
    rule: 'alarms-burst-credit-balance-settings',
    title: 'burst credit alarm at zero',
    set: { alarms: { burst_credit_balance: { threshold: 0 } } },
    names: ['alarms.burst_credit_balance'],
    shows: ['"threshold":0'],
    tsShows: ['threshold: 0'],
  },
  {
    rule: 'alarms-percent-io-limit-settings',
    title: 'io limit alarm above 100 percent',
    set: { alarms: { percent_io_limit: { threshold: 150 } } },
    names: ['alarms.percent_io_limit'],
    shows: ['"threshold":150'],
    tsShows: ['threshold: 150'],
  },
  {
    rule: 'alarms-throughput-utilization-settings',
    title: 'throughput alarm period of 90 seconds',
    set: { alarms: { throughput_utilization: { period_seconds: 90 } } },
    names: ['alarms.throughput_utilization'],
    shows: ['"period_seconds":90'],
    tsShows: ['periodSeconds: 90'],
  },
  {
    rule: 'alarms-storage-growth-settings',
    title: 'storage growth alarm over two days',
    set: { alarms: { storage_growth: { evaluation_periods: 48 } } },
    names: ['alarms.storage_growth'],
    shows: ['"evaluation_periods":48'],
    tsShows: ['evaluationPeriods: 48'],
  },
  {
    rule: 'alarms-client-connections-settings',
    title: 'client connection alarm at half a client',
    set: { alarms: { client_connections: { enabled: true, threshold: 0.5 } } },
    names: ['alarms.client_connections'],
    shows: ['"threshold":0.5'],
    tsShows: ['threshold: 0.5'],
  },
];
