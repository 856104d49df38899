import { finding, type Finding } from '../finding';
import type { Check } from './check';
import { lambdasWithFileSystem } from './clients';

const FIX =
  'add `vpc_config { subnet_ids = [...], security_group_ids = [...] }` with private subnets in the Availability Zones of the mount targets and a security group the mount-target group admits on TCP 2049; the execution role also needs the VPC access permissions (AWSLambdaVPCAccessExecutionRole).';

export const lambdaVpc: Check = {
  id: 'lambda-vpc',
  summary: 'a Lambda function mounts EFS but is not in a VPC (no vpc_config, or no subnets)',
  help: "A Lambda function reaches EFS only through mount targets in a VPC: a file_system_config without a vpc_config (or one with no subnets) cannot mount. Put the function in subnets of the file system's VPC.",
  run: (ctx) =>
    lambdasWithFileSystem(ctx).flatMap((lambda): Finding[] => {
      const vpc = lambda.after.at('vpc_config');
      if (vpc.unknown) return [];
      if (vpc.items().length === 0) {
        return [
          finding(
            'lambda-vpc',
            'error',
            lambda.address,
            'the function has a file_system_config but no vpc_config: EFS is reached only through mount targets inside a VPC, so AWS rejects the configuration.',
            FIX,
          ),
        ];
      }
      const subnets = vpc.at(0, 'subnet_ids');
      if (!subnets.unknown && subnets.items().length === 0) {
        return [
          finding(
            'lambda-vpc',
            'error',
            lambda.address,
            'the function has a file_system_config but its vpc_config has no subnet_ids, so it is not attached to the VPC and cannot reach the mount targets.',
            FIX,
          ),
        ];
      }
      return [];
    }),
};
