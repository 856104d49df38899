/**
 * The peers each entry of the package needs, and what is wrong with the installed ones. The
 * ranges are package.json's `peerDependencies` (read, not repeated); all of them are optional
 * there, so npm installs neither core for the other's users and each entry checks its own.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CoreName } from './binding';

/** One way to use the constructs: a CDK core, its AWS provider binding and the entry to import. */
export interface Flavour {
  readonly core: CoreName;
  readonly title: string;
  readonly provider: string;
  readonly entry: string;
}

export const FLAVOURS: Readonly<Record<CoreName, Flavour>> = {
  cdktf: { core: 'cdktf', title: 'CDK for Terraform', provider: '@cdktf/provider-aws', entry: 'efs-modules' },
  cdktn: { core: 'cdktn', title: 'CDK Terrain', provider: '@cdktn/provider-aws', entry: 'efs-modules/cdktn' },
};

/** What `checkPeers` found: `errors` stop the import, `warnings` are versions npm would have refused. */
export interface PeerProblems {
  readonly errors: string[];
  readonly warnings: string[];
}

/** The fields of a package.json read here (npm writes `name` and `version` as strings). */
interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly peerDependencies?: Record<string, string>;
}

/** The package.json in `file`; empty when its JSON is not an object. */
function readPackageJson(file: string): PackageJson {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  return typeof parsed === 'object' && parsed !== null ? parsed : {};
}

/**
 * The package.json of efs-modules, above `dir` (src/, dist/ or dist/cdktn/); undefined when the
 * package is not laid out as published (bundled into an app's file, say).
 */
export function ownPackageJson(dir: string): { peerDependencies: Record<string, string> } | undefined {
  for (let at = dir; path.dirname(at) !== at; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = readPackageJson(file);
    if (pkg.name === 'efs-modules') return { peerDependencies: pkg.peerDependencies ?? {} };
  }
  return undefined;
}

/** The version of `name` as `require` would load it from `dir`, or undefined when it is not installed. */
export function installedVersion(name: string, dir: string): string | undefined {
  let main: string;
  try {
    main = require.resolve(name, { paths: [dir] });
  } catch {
    return undefined;
  }
  for (let at = path.dirname(main); path.dirname(at) !== at; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = readPackageJson(file);
    if (pkg.name === name) return String(pkg.version);
  }
  return undefined;
}

function installLine(flavour: Flavour, ranges: Record<string, string>): string {
  const spec = (name: string) => `${name}@"${ranges[name]}"`;
  return `npm install ${spec(flavour.core)} ${spec('constructs')} ${spec(flavour.provider)}`;
}

/** Checks the peers of `core`'s entry as installed for a package in `dir`. */
export function checkPeers(core: CoreName, dir: string, ranges: Record<string, string>): PeerProblems {
  const flavour = FLAVOURS[core];
  const other = FLAVOURS[core === 'cdktf' ? 'cdktn' : 'cdktf'];
  const errors: string[] = [];
  const warnings: string[] = [];
  const needs = `'${flavour.entry}' is the entry for ${flavour.title} (${flavour.core}) apps`;
  const coreVersion = installedVersion(flavour.core, dir);
  if (coreVersion === undefined && installedVersion(other.core, dir) !== undefined) {
    errors.push(
      `${needs}, and ${flavour.core} is not installed. In a ${other.title} (${other.core}) app, import the constructs from '${other.entry}'.`,
    );
    return { errors, warnings };
  }
  const missing = [flavour.core, 'constructs', flavour.provider].filter(
    (name) => installedVersion(name, dir) === undefined,
  );
  if (missing.length > 0) {
    errors.push(
      `${needs}; it needs ${missing.join(', ')} beside it, not installed here: ${installLine(flavour, ranges)}`,
    );
    return { errors, warnings };
  }
  for (const name of [flavour.core, 'constructs', flavour.provider]) {
    const version = installedVersion(name, dir)!;
    if (satisfies(version, ranges[name]) !== false) continue;
    const text = `${name} ${version} is installed, outside the range efs-modules supports (${ranges[name]})`;
    // The core's internals are what the constructs build on: another release is refused here
    // rather than failing later inside a construct. A provider binding or constructs of another
    // release is the user's forced choice (npm refused it first): said, not refused.
    if (name === flavour.core) errors.push(`${text}: ${installLine(flavour, ranges)}`);
    else
      warnings.push(
        `${text}; npm reported it at install unless it was forced. Supported: ${installLine(flavour, ranges)}`,
      );
  }
  return { errors, warnings };
}

type Triple = [number, number, number];
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

function parse(version: string): { release: Triple; prerelease: boolean } | undefined {
  const m = VERSION.exec(version.trim());
  return m ? { release: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] !== undefined } : undefined;
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The comparators of `^x.y.z` as npm reads it: up to the next release that changes the left-most non-zero part. */
function caret(base: Triple): Array<[string, Triple]> {
  const [major, minor, patch] = base;
  const upper: Triple = major > 0 ? [major + 1, 0, 0] : minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1];
  return [
    ['>=', base],
    ['<', upper],
  ];
}

/**
 * Whether `version` is in `range`, for the forms package.json's peers use: `^x.y.z`, `>=`, `>`,
 * `<=`, `<`, an exact version, sets joined by spaces and alternatives by `||`. A prerelease is
 * compared by its release numbers, below the release itself. Undefined when a form is not one
 * of these (then nothing is said).
 */
export function satisfies(version: string, range: string): boolean | undefined {
  const parsed = parse(version);
  if (!parsed) return undefined;
  let result = false;
  for (const alternative of range.split('||')) {
    const comparators: Array<[string, Triple]> = [];
    for (const part of alternative.trim().split(/\s+/)) {
      const m = /^(\^|>=|<=|>|<|=)?(.+)$/.exec(part);
      const bound = m && parse(m[2]);
      if (!m || !bound || bound.prerelease) return undefined;
      if (m[1] === '^') comparators.push(...caret(bound.release));
      else comparators.push([m[1] ?? '=', bound.release]);
    }
    const holds = comparators.every(([op, bound]) => {
      const c = compare(parsed.release, bound);
      // A prerelease of x.y.z comes before x.y.z: below every bound it shares the numbers with.
      const below = c < 0 || (c === 0 && parsed.prerelease);
      return op === '>='
        ? !below
        : op === '>'
          ? c > 0
          : op === '<='
            ? c < 0 || c === 0
            : op === '<'
              ? below
              : c === 0 && !parsed.prerelease;
    });
    result ||= holds;
  }
  return result;
}
