/** Two mount targets in one Availability Zone, refused at synth when the stack's subnets say so. */
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { App, TerraformStack, TerraformVariable } from '../../src/cdktf';
import { EfsFilesystem } from '../../src';
import { thrown } from '../support/synth';

/** A stack with two subnets of a VPC, in the zones given (a string is a literal zone name). */
function stackWith(zones: [string | ((s: TerraformStack) => string), string | ((s: TerraformStack) => string)]) {
  const stack = new TerraformStack(new App(), 'zones');
  const subnets = zones.map(
    (z, i) =>
      new Subnet(stack, `subnet_${i}`, {
        vpcId: 'vpc-0123456789abcdef0',
        cidrBlock: `10.0.${i}.0/24`,
        availabilityZone: typeof z === 'string' ? z : z(stack),
      }),
  );
  return { stack, subnets };
}

const filesystem = (stack: TerraformStack, subnets: Subnet[]) =>
  new EfsFilesystem(stack, 'efs', {
    name: 'files',
    vpcId: 'vpc-0123456789abcdef0',
    mountTargets: { a: { subnetId: subnets[0].id }, b: { subnetId: subnets[1].id } },
  });

test('two subnets of the stack with the same literal zone are refused at synth, naming both entries and the zone', () => {
  const { stack, subnets } = stackWith(['us-east-1a', 'us-east-1a']);
  const error = thrown(() => filesystem(stack, subnets));
  expect(error.problems).toEqual([
    'mountTargets "a" and "b" use subnets in one Availability Zone ("us-east-1a"): EFS allows one mount target per zone and would refuse the second during apply; give each entry a subnet in a different zone.',
  ]);
  expect(error.message).toContain('EfsFilesystem "zones/efs"');
});

test('subnets in different zones pass', () => {
  const { stack, subnets } = stackWith(['us-east-1a', 'us-east-1b']);
  expect(() => filesystem(stack, subnets)).not.toThrow();
});

test('a zone that is a token is left to plan time', () => {
  const zone = (s: TerraformStack) =>
    new TerraformVariable(s, `zone_${s.node.children.length}`, { default: 'us-east-1a' }).stringValue;
  const { stack, subnets } = stackWith([zone, zone]);
  expect(() => filesystem(stack, subnets)).not.toThrow();
});

test('subnet IDs given as text say nothing about their zones and pass', () => {
  const stack = new TerraformStack(new App(), 'text');
  new Subnet(stack, 'other', {
    vpcId: 'vpc-0123456789abcdef0',
    cidrBlock: '10.0.9.0/24',
    availabilityZone: 'us-east-1a',
  });
  expect(
    () =>
      new EfsFilesystem(stack, 'efs', {
        name: 'files',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' }, b: { subnetId: 'subnet-0123456789abcdef1' } },
      }),
  ).not.toThrow();
});
