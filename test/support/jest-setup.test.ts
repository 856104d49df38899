/** The setup of every test file (jest-setup.ts) keeps cdktf's checks and its record of tokens as they are. */
import { Lazy } from 'cdktf';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';

test('the terraform version validation runs the real command once per file, and still refuses a version below its constraint', () => {
  const childProcess = require('node:child_process') as typeof import('node:child_process');
  const spy = jest.spyOn(childProcess, 'execSync');
  try {
    expect(new ValidateTerraformVersion('>=99.0', 'Upgrade.').validate()).toEqual([
      expect.stringMatching(
        /^terraform version \d+\.\d+\.\d+ is lower than the required version >=99\.0 for this construct\. Upgrade\.$/,
      ),
    ]);
    expect(new ValidateTerraformVersion('>=1.4').validate()).toEqual([]);
    expect(spy.mock.calls.filter(([command]) => command === 'terraform version')).toHaveLength(1);
  } finally {
    spy.mockRestore();
  }
});

test('a token still records the stack it was created at', () => {
  const token = Lazy.anyValue({ produce: () => 'value' });
  expect(token.creationStack.some((frame) => frame.includes('jest-setup.test.ts'))).toBe(true);
});
