/**
 * efs-modules doctor's `ec2-efs-mount` check on a real plan (doctor-fixture/main.tf, planned
 * offline once): user data that mounts EFS without TLS (plain NFS, or the mount helper without
 * `tls`) and user data not ordered after the mount targets are flagged; TLS and ordering, by
 * `depends_on` or through efs-mount-ec2's outputs, are not.
 */
import { join } from 'node:path';
import { diagnose } from '../../src/doctor';
import type { Finding, PlanJson as DoctorPlan } from '../../src/doctor';
import { ROOT } from '../support/examples';
import { init, plan, providerOverride, stage } from '../support/terraform';

let findings: Finding[];

beforeAll(async () => {
  const dir = join(
    stage(ROOT, ['modules/efs-mount-ec2', 'test/efs-mount-ec2/doctor-fixture'], {
      'test/efs-mount-ec2/doctor-fixture/provider.tf': providerOverride(),
    }),
    'test/efs-mount-ec2/doctor-fixture',
  );
  await init(dir);
  findings = diagnose((await plan(dir)) as unknown as DoctorPlan).filter((f) => f.check === 'ec2-efs-mount');
}, 300_000);

const at = (address: string) => findings.filter((f) => f.address === address);

test("plain NFS of a file system in an instance's user data is an error: never encrypted", () => {
  expect(at('aws_instance.plain_nfs')).toEqual([
    expect.objectContaining({
      severity: 'error',
      message: expect.stringContaining('over plain NFS (nfs4), which is never encrypted'),
    }),
  ]);
});

test("the mount helper without tls in a launch template's fstab entry is an error, read from its base64 user data", () => {
  expect(at('aws_launch_template.helper_without_tls')).toEqual([
    expect.objectContaining({
      severity: 'error',
      message: expect.stringContaining(
        "without the `tls` option: `echo 'fs-0fedcba9876543210:/ /mnt/efs efs _netdev,iam 0 0' >> /etc/fstab`",
      ),
    }),
  ]);
});

test('user data built from a file system whose mount target this plan creates, without waiting for it, is an error', () => {
  expect(at('aws_instance.unordered')).toEqual([
    expect.objectContaining({
      severity: 'error',
      message: expect.stringContaining('does not depend on its mount targets (aws_efs_mount_target.this)'),
    }),
  ]);
});

test('TLS and depends_on on the mount target: nothing to report', () => {
  expect(at('aws_launch_template.ordered')).toEqual([]);
});

test("efs-mount-ec2's user_data and user_data_base64: TLS, and ordered through the file system object", () => {
  expect(at('aws_instance.module')).toEqual([]);
  expect(at('aws_launch_template.module')).toEqual([]);
});

test('nothing else is reported', () => {
  expect(findings.map((f) => f.address).sort()).toEqual([
    'aws_instance.plain_nfs',
    'aws_instance.unordered',
    'aws_launch_template.helper_without_tls',
  ]);
});
