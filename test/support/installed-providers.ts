/**
 * One `terraform init` of the AWS provider per jest run, reused by every root the tests
 * initialise: `terraform get` installs the root's modules, and the root gets the lock file and
 * (as a symlink) the providers folder of that one initialised root.
 *
 * Why: most of init's CPU goes to hashing the 600 MB provider package for the lock file, the
 * same hash for every root (measured on examples/efs-filesystem/complete: init 0.54 s of CPU,
 * `terraform get` 0.04 s). What a plan checks stays checked: terraform compares the root's
 * version constraints with the lock file on every plan and fails with "Inconsistent dependency
 * lock file" when they disagree or a provider is missing (measured with version = "4.0.0").
 *
 * Roots that declare a backend (cdktf stacks: `backend "local"`), that already have a lock file
 * or a providers folder of their own, and every root outside jest, get a full `terraform init`.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The environment variable through which the global setup hands the initialised root to the workers. */
export const INSTALLED_PROVIDERS_ENV = 'EFS_MODULES_INITIALISED_ROOT';

const LOCK_FILE = '.terraform.lock.hcl';

/** The root the global setup initialises: it requires the AWS provider and nothing else. */
export const TEMPLATE_MAIN_TF = `terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}
`;

/** Whether any configuration file of dir declares a backend (which only init configures). */
function declaresBackend(dir: string): boolean {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'))
    .some((f) => /^\s*backend\s+"|"backend"\s*:/m.test(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** The initialised root of this run when dir may reuse it, else undefined (dir needs its own init). */
export function reusableInit(dir: string): string | undefined {
  const template = process.env[INSTALLED_PROVIDERS_ENV];
  if (!template || !fs.existsSync(path.join(template, LOCK_FILE))) return undefined;
  if (declaresBackend(dir)) return undefined;
  // A second init of the same root (e.g. after its module sources changed) finds what the first left.
  const lock = path.join(dir, LOCK_FILE);
  if (fs.existsSync(lock) && fs.readFileSync(lock, 'utf8') !== fs.readFileSync(path.join(template, LOCK_FILE), 'utf8'))
    return undefined;
  const providers = path.join(dir, '.terraform', 'providers');
  const linked =
    fs.existsSync(providers) &&
    fs.lstatSync(providers).isSymbolicLink() &&
    fs.readlinkSync(providers) === path.join(template, '.terraform', 'providers');
  return !fs.existsSync(providers) || linked ? template : undefined;
}

/** Gives dir the lock file and providers of the initialised root (after `terraform get`). */
export function linkProviders(dir: string, template: string): void {
  fs.copyFileSync(path.join(template, LOCK_FILE), path.join(dir, LOCK_FILE));
  const providers = path.join(dir, '.terraform', 'providers');
  if (fs.existsSync(providers)) return;
  fs.mkdirSync(path.dirname(providers), { recursive: true });
  fs.symlinkSync(path.join(template, '.terraform', 'providers'), providers);
}

/** The AWS provider's version and hashes in a lock file (its constraints line left out), or undefined. */
function lockedAws(lockFile: string): string | undefined {
  if (!fs.existsSync(lockFile)) return undefined;
  const block = /provider "registry\.terraform\.io\/hashicorp\/aws" \{([^}]*)\}/.exec(
    fs.readFileSync(lockFile, 'utf8'),
  )?.[1];
  return block
    ?.split('\n')
    .filter((line) => !/^\s*constraints\s*=/.test(line))
    .join('\n');
}

/**
 * The file that holds this run's `terraform providers schema -json` of the AWS provider, for a
 * root whose lock file selects the same package as the initialised root (same version and
 * hashes, so the same schema); undefined otherwise, or outside jest.
 *
 * Why: the schema is 13 MB of JSON that every prepared state is built from; measured 2.3 s of
 * CPU per `providers schema -json` with its own provider, and it was asked 13 times per suite.
 */
export function cachedSchemaFile(dir: string): string | undefined {
  const template = process.env[INSTALLED_PROVIDERS_ENV];
  if (!template) return undefined;
  const locked = lockedAws(path.join(template, LOCK_FILE));
  return locked && locked === lockedAws(path.join(dir, LOCK_FILE))
    ? path.join(template, 'aws-provider-schema.json')
    : undefined;
}

/** Writes file so that concurrent readers never see it half-written. */
export function writeAtomically(file: string, content: string): void {
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}
