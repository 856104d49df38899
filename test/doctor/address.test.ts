import { addressNames, configAddress, modulePathOf, mostSpecific, parseReference } from '../../src/doctor/plan/address';

describe('addresses', () => {
  it('drops instance keys, including quoted keys holding dots and brackets', () => {
    expect(configAddress('module.app["a.b]c"].aws_lambda_function.this[0]')).toBe(
      'module.app.aws_lambda_function.this',
    );
    expect(addressNames('aws_security_group.x[*].id')).toEqual(['aws_security_group', 'x', 'id']);
    expect(modulePathOf('module.a["k"].module.b[2]')).toEqual(['a', 'b']);
    expect(modulePathOf(undefined)).toEqual([]);
  });

  it('classifies references', () => {
    expect(parseReference('aws_efs_mount_target.this["a"].id')).toEqual({
      kind: 'resource',
      address: 'aws_efs_mount_target.this',
      attribute: 'id',
    });
    expect(parseReference('data.aws_iam_policy_document.x.json')).toEqual({
      kind: 'resource',
      address: 'data.aws_iam_policy_document.x',
      attribute: 'json',
    });
    expect(parseReference('var.file_system.id')).toEqual({ kind: 'variable', name: 'file_system' });
    expect(parseReference('local.tags')).toEqual({ kind: 'local', name: 'tags' });
    expect(parseReference('module.efs[0].file_system')).toEqual({ kind: 'module', call: 'efs', output: 'file_system' });
    expect(parseReference('module.efs')).toEqual({ kind: 'module', call: 'efs', output: undefined });
    for (const meta of ['count.index', 'each.value', 'path.module', 'terraform.workspace', 'self.id']) {
      expect(parseReference(meta)).toEqual({ kind: 'meta' });
    }
  });

  it('keeps only the most specific of the prefixes Terraform lists', () => {
    // As in a plan: `module.child[0].out_sg["a"]` is listed with each of its prefixes.
    expect(mostSpecific(['module.child[0].out_sg["a"]', 'module.child[0].out_sg', 'module.child[0]'])).toEqual([
      'module.child[0].out_sg["a"]',
    ]);
    expect(mostSpecific(['aws_vpc.v.id', 'aws_vpc.v', 'var.x', 'module.efs'])).toEqual([
      'aws_vpc.v.id',
      'var.x',
      'module.efs',
    ]);
  });
});
