import { USER_DATA, userDataOf } from '../analysis/ec2-user-data';
import { SECURITY_GROUP, type Identity } from '../analysis/identity';
import type { DoctorContext } from '../context';
import type { PlanResource } from '../plan/resources';

/** Lambda functions (remaining after apply) that mount a file system. */
export function lambdasWithFileSystem(ctx: DoctorContext): PlanResource[] {
  return ctx.resources.ofType('aws_lambda_function').filter((lambda) => {
    const config = lambda.after.at('file_system_config');
    return config.unknown || config.items().length > 0;
  });
}

/** Something that mounts EFS over the network from its own security groups. */
export interface Client {
  resource: PlanResource;
  /** Its security groups; undefined when it has none we can see (e.g. ECS on EC2 with bridge networking). */
  groups: Identity | undefined;
  fileSystems: Identity;
}

function lambdaClients(ctx: DoctorContext): Client[] {
  return lambdasWithFileSystem(ctx)
    .filter((lambda) => lambda.after.at('vpc_config').unknown || lambda.after.at('vpc_config').items().length > 0)
    .map((lambda) => ({
      resource: lambda,
      groups: ctx.ids.referenced(lambda, ['vpc_config', 0, 'security_group_ids'], SECURITY_GROUP),
      fileSystems: ctx.efs.lambdaFileSystems(lambda),
    }));
}

function serviceClients(ctx: DoctorContext): Client[] {
  return ctx.resources.ofType('aws_ecs_service').flatMap((service): Client[] => {
    const { taskDefinitions } = ctx.efs.taskDefinitions(service);
    const withEfs = taskDefinitions.filter((td) => ctx.efs.efsVolumes(td).length > 0);
    if (withEfs.length === 0) return [];
    const network = service.after.at('network_configuration');
    const hasNetwork = network.unknown || network.items().length > 0;
    const fileSystems = withEfs.map((td) => ctx.efs.taskDefinitionFileSystems(td));
    return [
      {
        resource: service,
        groups: hasNetwork
          ? ctx.ids.referenced(service, ['network_configuration', 0, 'security_groups'], SECURITY_GROUP)
          : undefined,
        fileSystems: {
          tokens: new Set(fileSystems.flatMap((fs) => [...fs.tokens])),
          unresolved: fileSystems.flatMap((fs) => fs.unresolved),
        },
      },
    ];
  });
}

/** Where an EC2 resource names its security groups. */
const EC2_GROUPS: Readonly<Record<string, readonly (string | number)[][]>> = {
  aws_instance: [['vpc_security_group_ids'], ['security_groups']],
  aws_launch_template: [['vpc_security_group_ids'], ['network_interfaces', 0, 'security_groups']],
};

/**
 * EC2 instances and launch templates whose user data is built from a file system (efs-mount-ec2's,
 * or a script naming it).
 */
function ec2Clients(ctx: DoctorContext): Client[] {
  return Object.keys(USER_DATA).flatMap((type) =>
    ctx.resources.ofType(type).flatMap((resource): Client[] => {
      const userData = userDataOf(ctx, resource);
      if (!userData || userData.fileSystems.tokens.size === 0) return [];
      const written = EC2_GROUPS[type].filter((path) => ctx.ids.isWritten(resource, path));
      const found = written.map((path) => ctx.ids.referenced(resource, path, SECURITY_GROUP));
      const groups: Identity | undefined =
        found.length === 0
          ? undefined
          : { tokens: new Set(found.flatMap((g) => [...g.tokens])), unresolved: found.flatMap((g) => g.unresolved) };
      return [{ resource, groups, fileSystems: userData.fileSystems }];
    }),
  );
}

/** Lambda functions in a VPC, ECS services and EC2 instances or launch templates that mount EFS. */
export function efsClients(ctx: DoctorContext): Client[] {
  return [...lambdaClients(ctx), ...serviceClients(ctx), ...ec2Clients(ctx)];
}
