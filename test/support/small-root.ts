/**
 * A small root for the harness's own tests of provider processes (the broker, the schema
 * filter): a file system and its mount target, with a data source and an output that show which
 * region the provider process was configured with. Planned with a provider process of the test's
 * choosing, or one of its own.
 */
import * as path from 'path';
import { PlanJson, makeTempDir, terraform } from './terraform';

/** The AWS types the root uses: all a schema filter in front of its provider must list. */
export const SMALL_ROOT_TYPES: ReadonlySet<string> = new Set([
  'aws_efs_file_system',
  'aws_efs_mount_target',
  'aws_region',
]);

/** main.tf of the root; `name` tags the file system. */
export function smallRootTf(name: string): string {
  return `data "aws_region" "current" {}

resource "aws_efs_file_system" "this" {
  encrypted       = true
  throughput_mode = "elastic"
  tags            = { Name = "${name}", Region = data.aws_region.current.name }
}

resource "aws_efs_mount_target" "this" {
  file_system_id = aws_efs_file_system.this.id
  subnet_id      = "subnet-0123456789abcdef0"
}

output "region" {
  value = data.aws_region.current.name
}
`;
}

/**
 * Plans dir and returns its JSON without what differs between any two plans by design: the
 * plan's time, and the order of relevant_attributes. Given reattach, the plan and its show attach
 * to that process; given none, each starts its own (a command given its own environment never goes
 * to the harness's broker).
 */
export async function plannedWith(dir: string, reattach?: string): Promise<PlanJson> {
  const out = path.join(makeTempDir('efs-modules-small-root-'), 'plan.bin');
  // The show on the same provider process as the plan (an empty value: a process of its own), not
  // on the run's shared one, which may be filtered.
  const env = { TF_REATTACH_PROVIDERS: reattach ?? '' };
  await terraform(dir, ['plan', '-input=false', '-no-color', '-lock=false', `-out=${out}`], { env });
  const json = JSON.parse((await terraform(dir, ['show', '-json', out], { env })).stdout) as PlanJson & {
    timestamp?: string;
    relevant_attributes?: unknown[];
  };
  delete json.timestamp;
  json.relevant_attributes = (json.relevant_attributes ?? []).map((a) => JSON.stringify(a)).sort();
  return json;
}
