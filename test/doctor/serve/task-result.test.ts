/** The task result the service sends: the doctor's verdict, and one outcome per finding. */
import { finding, type Finding } from '../../../src/doctor/finding';
import { toRunTaskResult } from '../../../src/doctor/report/run-task';
import { MAX_OUTCOMES, notCheckedResult, verdictResult } from '../../../src/doctor/serve/task-result';

const lambdaVpc = (address: string): Finding =>
  finding(
    'lambda-vpc',
    'error',
    address,
    'the function has a file_system_config but no vpc_config. EFS is reached only in a VPC.',
    'add vpc_config.',
  );
const warning = finding(
  'nfs-client-egress',
  'warning',
  'aws_lambda_function.b',
  'cannot decide whether it reaches TCP 2049: the groups pass through a local.',
  'check by hand.',
);

const outcomeIds = (findings: Finding[]): string[] =>
  verdictResult(findings, false, true).data.relationships?.outcomes.data.map((o) => o.attributes['outcome-id']) ?? [];

it('names each outcome by check and address, numbering further findings of one check on one resource', () => {
  expect(
    outcomeIds([
      lambdaVpc('aws_lambda_function.a'),
      lambdaVpc('aws_lambda_function.a'),
      lambdaVpc('aws_lambda_function.c'),
    ]),
  ).toEqual([
    'lambda-vpc:aws_lambda_function.a',
    'lambda-vpc:aws_lambda_function.a#2',
    'lambda-vpc:aws_lambda_function.c',
  ]);
});

it('describes a finding by its resource and the problem up to its first full stop', () => {
  const [outcome] =
    verdictResult([lambdaVpc('aws_lambda_function.a')], false, true).data.relationships?.outcomes.data ?? [];
  expect(outcome?.attributes.description).toBe(
    'aws_lambda_function.a: the function has a file_system_config but no vpc_config',
  );
});

it('says in each warning whether it fails the run, as --strict decides', () => {
  const body = (strict: boolean) =>
    verdictResult([warning], strict, true).data.relationships?.outcomes.data[0]?.attributes.body;
  expect(body(false)).toMatch(
    /^\*\*Warning\*\* in `aws_lambda_function.b` \(check `nfs-client-egress`\)\. A warning: it fails the run only when the service runs with `--strict`\./,
  );
  expect(body(true)).toMatch(/It fails the run\./);
  expect(verdictResult([warning], false, true).data.attributes.status).toBe('passed');
  expect(verdictResult([warning], true, true).data.attributes.status).toBe('failed');
});

it('sends at most 100 outcomes, and says so in the message', () => {
  const many = Array.from({ length: MAX_OUTCOMES + 5 }, (_, index) => lambdaVpc(`aws_lambda_function.f${index}`));
  const result = verdictResult(many, false, true);
  expect(result.data.relationships?.outcomes.data).toHaveLength(MAX_OUTCOMES);
  expect(result.data.attributes.message).toBe(
    `${toRunTaskResult(many, false).data.attributes.message} The first 100 findings are listed.`,
  );
});

it('fails a plan it could not judge, without outcomes', () => {
  expect(notCheckedResult('the plan errored')).toEqual({
    data: {
      type: 'task-results',
      attributes: { status: 'failed', message: 'efs-modules doctor: nothing was checked: the plan errored' },
    },
  });
});
