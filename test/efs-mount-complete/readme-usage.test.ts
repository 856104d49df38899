/**
 * The usage block of each mount module's README is a new user's first configuration (VPC,
 * subnets, role with name_prefix, security group, function or service, file system and mount,
 * all in one root, no flags). Each is planned as written, with the real AWS provider, the Git
 * sources pointed at this checkout's modules.
 */
import { PlanJson, init, plan } from '../support/terraform';
import { stageUsage, usageOf } from '../support/mounts/readme-usage';

/** Plans the module's usage block as written, as a first plan (no state). */
async function planUsage(module: string): Promise<PlanJson> {
  const dir = stageUsage(usageOf(module));
  await init(dir);
  return plan(dir);
}

const plans = new Map<string, PlanJson>();
const MODULES = ['efs-mount-lambda', 'efs-mount-ecs'];

beforeAll(async () => {
  const planned = await Promise.all(MODULES.map(planUsage));
  MODULES.forEach((m, i) => plans.set(m, planned[i]));
}, 600_000);

describe.each(MODULES)('the usage block of modules/%s/README.md', (module) => {
  const changes = (type: string) => (plans.get(module)!.resource_changes ?? []).filter((c) => c.type === type);

  test('uses the Git sources, no flag, and IDs of resources created in the same configuration', () => {
    const usage = usageOf(module);
    expect(usage).toMatch(/name_prefix/);
    expect(usage).not.toMatch(/attach_role_policy|attach_task_role_policy|create_security_group_rule/);
    expect(usage).toMatch(/security_group_id = aws_security_group\.\w+\.id/);
  });

  test("plans the role policy with the role's name unknown", () => {
    const [policy] = changes('aws_iam_role_policy');
    expect(changes('aws_iam_role_policy')).toHaveLength(1);
    expect(policy.change.after_unknown.role).toBe(true);
  });

  test("plans one NFS rule from the client group, the file system's, and none in the mount", () => {
    const rules = changes('aws_vpc_security_group_ingress_rule');
    expect(rules.filter((r) => r.module_address === 'module.mount' || r.module_address === 'module.data')).toEqual([]);
    expect(rules.filter((r) => r.change.after.description.startsWith('NFS from allowed security group '))).toHaveLength(
      1,
    );
  });
});
