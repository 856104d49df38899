import { parseArgs } from 'util';

export type Format = 'human' | 'json' | 'run-task' | 'sarif';

export type Command =
  | { kind: 'help' }
  | { kind: 'doctor'; file: string; format: Format; strict: boolean; sarifFile?: string }
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: efs-modules doctor [--json | --format human|json|run-task|sarif] [--strict] [--sarif-file <path>] <plan.json | ->
       efs-modules doctor serve [options]   (an HCP Terraform run task; see efs-modules doctor serve --help)

Reads the JSON of a Terraform plan (\`terraform show -json <planfile>\`; "-" reads stdin) and
reports EFS failure modes: file system replacement or deletion, Lambda outside a VPC or created
before its mount targets, no NFS (TCP 2049) path from client to mount-target security groups,
ECS EFS volume settings ECS rejects, Fargate platform versions below 1.4.0, access point roots
EFS cannot create, mount targets sharing an Availability Zone or in public subnets, access points
without a root directory or POSIX user, file systems without backups, encryption at rest or TLS,
module attributes Terraform drops silently, NFS rules re-keyed without a moved block.
A plan that is errored or incomplete is refused (exit 2): nothing in it is checked.

Options:
  --json            machine-readable output: { "ok": boolean, "findings": [{ check, severity, address, message }] }
  --format <f>      human (default), json, run-task (a Terraform Cloud run task callback body),
                    or sarif (SARIF 2.1.0, for GitHub code scanning)
  --sarif-file <p>  with sarif: the repository file every result points at (e.g. infra/main.tf);
                    GitHub code scanning needs one
  --strict          warnings (e.g. a path the plan cannot decide) fail the run too
  -h, --help        this help

Exit codes: 0 nothing fails the run, 1 errors (or warnings with --strict), 2 usage or input errors.
`;

const FORMATS: readonly Format[] = ['human', 'json', 'run-task', 'sarif'];

export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        format: { type: 'string' },
        strict: { type: 'boolean' },
        'sarif-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: (error as Error).message };
  }
  const { values, positionals: files } = parsed;
  if (values.help) return { kind: 'help' };
  if (files.length !== 1)
    return {
      kind: 'usage-error',
      message:
        files.length === 0
          ? 'give the plan JSON file (or - for stdin)'
          : `give one plan JSON file, not ${files.length}`,
    };
  if (values.json && values.format !== undefined && values.format !== 'json')
    return { kind: 'usage-error', message: '--json conflicts with --format ' + values.format };
  const format = (values.json ? 'json' : (values.format ?? 'human')) as Format;
  if (!FORMATS.includes(format))
    return {
      kind: 'usage-error',
      message: `--format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(format)})`,
    };
  const sarifFile = values['sarif-file'];
  if (sarifFile !== undefined && format !== 'sarif')
    return { kind: 'usage-error', message: '--sarif-file goes with --format sarif' };
  return {
    kind: 'doctor',
    file: files[0],
    format,
    strict: values.strict ?? false,
    ...(sarifFile !== undefined ? { sarifFile } : {}),
  };
}
