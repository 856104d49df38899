/**
 * The doctor counts EC2 instances and launch templates that mount EFS as NFS clients: examples/ec2
 * with its instances' group left out of efs-filesystem's allowed_security_groups plans, and the
 * doctor fails the plan on both, naming the group (examples.test.ts shows the example as written clean).
 */
import { planHcl } from '../support/mounts/examples';
import { doctorFindings } from '../support/doctor-clean';

const NO_CLIENT_GROUPS = 'module "efs" {\n  allowed_security_groups = {}\n}\n';
const VARS = { 'terraform.tfvars': 'ami_id = "ami-0123456789abcdef0"\n' };

test("an instance and a launch template whose group the file system does not let in fail the doctor's NFS path check", async () => {
  const { plan } = await planHcl('ec2', { ...VARS, 'main_override.tf': NO_CLIENT_GROUPS });
  const paths = doctorFindings(plan).filter((f) => f.startsWith('error nfs-security-group-path'));
  expect(paths).toEqual([
    expect.stringMatching(/^error nfs-security-group-path aws_instance\.\w+: .*aws_security_group\.instances/),
    expect.stringMatching(/^error nfs-security-group-path aws_launch_template\.\w+: .*aws_security_group\.instances/),
  ]);
});
