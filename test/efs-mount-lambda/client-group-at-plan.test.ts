/**
 * The Lambda mount's group created in the same configuration while efs-filesystem lets no group in
 * (allowed_security_groups = {}). Terraform 1.11 cannot refuse it in the module: the mount's
 * `client-group-allowed` rule compares an ID known only after apply (`contains([], unknown)` is
 * unknown, and `&&`/`||` do not short-circuit an unknown operand), and the file system's own group,
 * which allow_nfs_from_self admits, is unknown too. The plan shows it all the same, so
 * `efs-modules doctor` refuses it before the apply, naming the function and the fix.
 */
import { planHcl } from '../support/mounts/examples';
import { doctorFindings } from '../support/doctor-clean';

const NO_CLIENT_GROUPS = 'module "efs" {\n  allowed_security_groups = {}\n}\n';

test('a function whose new group the file system does not let in plans, and the doctor fails the plan naming it', async () => {
  const { plan } = await planHcl('lambda', { 'main_override.tf': NO_CLIENT_GROUPS });
  const rules = (plan.resource_changes ?? []).filter((c) => c.address.includes('nfs_from_security_groups'));
  expect(rules).toEqual([]);
  const errors = doctorFindings(plan).filter((f) => f.startsWith('error '));
  // Without the group among the file system's clients it also gets no NFS egress rule: a second finding.
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^error nfs-security-group-path aws_lambda_function\.this: .*aws_security_group\.function/),
    ]),
  );
});
