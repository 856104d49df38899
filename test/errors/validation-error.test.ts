/**
 * What a ValidationError carries and how it prints, in process (the printed forms in real
 * processes: uncaught.test.ts).
 */
import { inspect } from 'util';
import { App, Construct, TerraformStack } from '../../src/cdktf';
import { EfsFilesystem, ValidationError, type EfsFilesystemProps } from '../../src';

const PROPS: EfsFilesystemProps = {
  name: 'shared',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};

function refused(props: Record<string, unknown>): ValidationError {
  const stack = new TerraformStack(new App(), 'app');
  try {
    new EfsFilesystem(new Construct(stack, 'platform'), 'efs', { ...PROPS, ...props });
  } catch (e) {
    return e as ValidationError;
  }
  throw new Error('the props were accepted');
}

test('names the construct by its full path, and lists each problem once', () => {
  const error = refused({
    throughputMode: 'fast',
    encrypted: false,
    kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab',
  });
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.construct).toBe('EfsFilesystem "app/platform/efs"');
  expect(error.message.split('\n')[0]).toBe('EfsFilesystem "app/platform/efs" has invalid props:');
  expect(error.problems).toEqual([
    'throughputMode must be "elastic", "provisioned" or "bursting" (got "fast").',
    'kmsKeyArn is set but encrypted is false; set encrypted to true or remove the key.',
  ]);
});

test('a rejected value does not also trip the rules that read it', () => {
  const error = refused({ throughputMode: 'provisoned', provisionedThroughputInMibps: 128, performanceMode: 'maxIO' });
  expect(error.problems).toEqual(['throughputMode must be "elastic", "provisioned" or "bursting" (got "provisoned").']);
});

test('keeps construct and problems out of its enumerable properties, which Node prints after an uncaught error', () => {
  const error = refused({ throughputMode: 'fast' });
  expect(Object.keys(error)).toEqual([]);
});

test('prints as its message list under util.inspect (console.log, console.error)', () => {
  const error = refused({ throughputMode: 'fast' });
  expect(inspect(error)).toBe(`ValidationError: ${error.message}`);
  expect(error.stack).toBe(`ValidationError: ${error.message}`);
});
