/**
 * Exercises the terraform harness on a throwaway configuration, so the other
 * suites can rely on its behaviour (and on the terraform facts it encodes).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  actions,
  findResources,
  fmtCheck,
  init,
  plan,
  planFailure,
  plannedResources,
  providerOverride,
  stage,
  terraformEnv,
  test as terraformTest,
  testJson,
  validate,
} from './terraform';

const VERSIONS_TF = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}
`;

// Provider blocks of the root the plans run: the override must merge into them (default tags, an alias).
const PROVIDERS_TF = `provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = { Project = "harness" }
  }
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1"
}

data "aws_region" "replica" {
  provider = aws.replica
}

output "replica_region" {
  value = data.aws_region.replica.name
}
`;

const RESOURCES_TF = `variable "name" {
  type    = string
  default = "demo"

  validation {
    condition     = can(regex("^[a-z]+$", var.name))
    error_message = "name must be lowercase letters, got \${var.name}."
  }
}

variable "encrypted" {
  type    = bool
  default = true
}

resource "aws_efs_file_system" "this" {
  encrypted       = var.encrypted
  throughput_mode = "elastic"
  tags            = { Name = var.name }

  lifecycle {
    precondition {
      condition     = var.encrypted
      error_message = "refusing an unencrypted file system for \${var.name}."
    }
  }
}

resource "aws_efs_mount_target" "this" {
  file_system_id = aws_efs_file_system.this.id
  subnet_id      = "subnet-0123456789abcdef0"
}
`;

// One passing run and one expected failure: `terraform test` must exit 0.
const PASSING_TFTEST = `mock_provider "aws" {}

run "defaults" {
  command = plan

  assert {
    condition     = aws_efs_file_system.this.throughput_mode == "elastic"
    error_message = "throughput_mode should be elastic"
  }
}

run "rejects_uppercase_name" {
  command = plan

  variables {
    name = "Demo"
  }

  expect_failures = [var.name]
}
`;

// Runs whose outcomes pin down what `terraform test -json` reports.
const FAILING_TFTEST = `mock_provider "aws" {}

run "assertion_fails" {
  command = plan

  assert {
    condition     = aws_efs_file_system.this.encrypted == false
    error_message = "deliberately wrong assertion"
  }
}

run "after_assertion" {
  command = plan
}

run "validation_error" {
  command = plan

  variables {
    name = "Bad"
  }
}

run "after_error" {
  command = plan
}
`;

const PRECONDITION_TFTEST = `mock_provider "aws" {}

run "precondition_error" {
  command = plan

  variables {
    encrypted = false
  }
}
`;

let dir: string;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The tests of `terraform test` run in a root of their own, without the plans' aliased provider:
 * an alias that a default `mock_provider "aws"` leaves real makes `terraform test` start provider
 * processes of its own for every run (sharesProvider() in terraform.ts), and these tests are
 * about what the harness reads from `terraform test`, not about aliases.
 */
let testedDir: string;

beforeAll(async () => {
  const root = stage(process.cwd(), [], {
    'tiny/versions.tf': VERSIONS_TF,
    'tiny/providers.tf': PROVIDERS_TF,
    'tiny/main.tf': RESOURCES_TF,
    'tiny/provider_override.tf': providerOverride('us-east-1', ['replica']),
    'tested/versions.tf': VERSIONS_TF,
    'tested/main.tf': RESOURCES_TF,
    'tested/provider_override.tf': providerOverride(),
    'tested/tests/passing.tftest.hcl': PASSING_TFTEST,
    'tested/tests/failing.tftest.hcl': FAILING_TFTEST,
    'tested/tests/precondition.tftest.hcl': PRECONDITION_TFTEST,
  });
  dir = path.join(root, 'tiny');
  testedDir = path.join(root, 'tested');
  await Promise.all([init(dir), init(testedDir)]);
});

describe('environment', () => {
  it('never passes a missing CLI config file and always uses fake credentials', () => {
    const env = terraformEnv();
    if (env.TF_CLI_CONFIG_FILE) expect(fs.existsSync(env.TF_CLI_CONFIG_FILE)).toBe(true);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'test', AWS_REGION: 'us-east-1', TF_IN_AUTOMATION: '1' });
    expect(env.AWS_PROFILE).toBeUndefined();
  });
});

describe('stage', () => {
  it('keeps the relative layout and skips terraform working state', () => {
    const repo = stage(process.cwd(), [], {
      'modules/m/main.tf': '# module',
      'modules/m/.terraform/junk': 'x',
      'modules/m/.terraform.lock.hcl': 'x',
      'modules/m/terraform.tfstate': '{}',
      'modules/m/terraform.tfstate.backup': '{}',
      'examples/m/basic/main.tf': '# example',
    });
    const staged = stage(repo, ['modules/m', 'examples/m/basic'], { 'examples/m/basic/extra.tf': '# extra' });
    const files = fs.readdirSync(staged, { recursive: true }).map(String).sort();
    expect(files).toEqual([
      'examples',
      'examples/m',
      'examples/m/basic',
      'examples/m/basic/extra.tf',
      'examples/m/basic/main.tf',
      'modules',
      'modules/m',
      'modules/m/main.tf',
    ]);
  });
});

describe('plan', () => {
  it('validates and is formatted', async () => {
    await validate(dir);
    await fmtCheck(dir);
  });

  it('returns planned values, with the override merged into the example provider block', async () => {
    const planned = await plan(dir, { vars: { name: 'planned' } });

    const [efs] = findResources(planned, 'aws_efs_file_system');
    expect(efs.values).toMatchObject({ encrypted: true, throughput_mode: 'elastic', tags: { Name: 'planned' } });
    // default_tags from the example's own provider block survive the override.
    expect(efs.values.tags_all).toEqual({ Name: 'planned', Project: 'harness' });
    expect(findResources(planned, 'aws_efs_mount_target')[0].values.subnet_id).toBe('subnet-0123456789abcdef0');
    expect(plannedResources(planned).map((r) => r.address)).toHaveLength(2);
    // The aliased override keeps the region of the example's aliased block.
    expect(planned.planned_values?.outputs?.replica_region.value).toBe('eu-central-1');
    expect(actions(planned)).toEqual({
      'aws_efs_file_system.this': ['create'],
      'aws_efs_mount_target.this': ['create'],
    });
  });

  // The failures plan the root without the alias: an aliased provider block makes terraform start
  // provider processes of their own for each plan (about 3 s of CPU each), and these tests are
  // about what the harness reports, not about aliases.
  it('reports a failing validation with the interpolated value', async () => {
    const output = await planFailure(testedDir, { name: 'NotLower' });
    expect(output).toContain('Invalid value for variable');
    expect(output).toContain('name must be lowercase letters, got NotLower.');
  });

  it('throws with the command, directory and terraform output when a plan fails unexpectedly', async () => {
    await expect(plan(testedDir, { vars: { name: 'Bad' } })).rejects.toThrow(
      new RegExp(`terraform plan .* failed \\(exit 1\\) in ${escapeRegExp(testedDir)}[\\s\\S]*got Bad\\.`),
    );
  });
});

describe('terraform test', () => {
  it('passes with a mock provider and expect_failures', async () => {
    const result = await terraformTest(testedDir, { filter: ['tests/passing.tftest.hcl'] });
    expect(result.stdout).toContain('Success! 2 passed, 0 failed.');
  });

  it('reports per-run status and diagnostics as JSON', async () => {
    const runs = await testJson(testedDir, ['tests/failing.tftest.hcl', 'tests/precondition.tftest.hcl']);
    const file = 'tests/failing.tftest.hcl';
    expect(runs).toEqual({
      // A failed assertion marks the run "fail" and the file carries on...
      assertion_fails: {
        file,
        status: 'fail',
        diagnostics: [{ severity: 'error', summary: 'Test assertion failed', detail: 'deliberately wrong assertion' }],
      },
      after_assertion: { file, status: 'pass', diagnostics: [] },
      // ...but an unexpected error marks it "error" and skips the rest of the file.
      validation_error: {
        file,
        status: 'error',
        diagnostics: [
          {
            severity: 'error',
            summary: 'Invalid value for variable',
            detail: expect.stringContaining('name must be lowercase letters, got Bad.'),
          },
        ],
      },
      after_error: { file, status: 'skip', diagnostics: [] },
      // With the mock provider a precondition still fails the plan, message included.
      precondition_error: {
        file: 'tests/precondition.tftest.hcl',
        status: 'error',
        diagnostics: [
          {
            severity: 'error',
            summary: 'Resource precondition failed',
            detail: 'refusing an unencrypted file system for demo.',
          },
        ],
      },
    });
  });
});
