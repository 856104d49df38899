/**
 * `npm run release -- <patch|minor|major|X.Y.Z> [--dry-run] [--skip-checks] [--date YYYY-MM-DD]`
 *
 * Cuts one release of both products (the HCL modules and the npm package share the version):
 *   1. refuses unless the working tree is clean, the tag is new and CHANGELOG.md has entries
 *      under [Unreleased];
 *   2. checks: `npm run generate -- --check` (regenerates everything in memory and fails if a
 *      committed file differs) and `npm test`;
 *   3. sets the version in package.json and package-lock.json, moves [Unreleased] into
 *      `## [X.Y.Z] - date` with its compare link, commits those three files and tags `vX.Y.Z`.
 * It pushes nothing: it prints the `git push` that publishes the tag (Git sources and the
 * Terraform Cloud registry pick up tags; CI publishes the npm package from the tag).
 *
 * --dry-run runs the same refusals and checks, prints the new version, the CHANGELOG section
 * and the git commands, and writes nothing. --skip-checks skips step 2 (the tests use it).
 * The first release may name the current version (0.1.0) when its tag does not exist yet.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';

export type Bump = 'patch' | 'minor' | 'major';

export interface ReleaseOptions {
  /** patch, minor, major or an explicit X.Y.Z. */
  readonly bump: string;
  readonly cwd?: string;
  readonly dryRun?: boolean;
  readonly skipChecks?: boolean;
  /** Release date for the CHANGELOG heading (default: today, UTC). */
  readonly date?: string;
  readonly log?: (line: string) => void;
}

export interface ReleasePlan {
  readonly version: string;
  readonly tag: string;
  readonly changelog: string;
  readonly commands: string[];
}

export class ReleaseError extends Error {}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export function nextVersion(current: string, bump: string): string {
  const m = current.match(SEMVER);
  if (!m) throw new ReleaseError(`package.json version ${current} is not X.Y.Z`);
  const [major, minor, patch] = m.slice(1).map(Number);
  switch (bump) {
    case 'major':
      return `${major + 1}.0.0`;
    case 'minor':
      return `${major}.${minor + 1}.0`;
    case 'patch':
      return `${major}.${minor}.${patch + 1}`;
    default: {
      if (!SEMVER.test(bump))
        throw new ReleaseError(`the release must be patch, minor, major or X.Y.Z (got ${JSON.stringify(bump)})`);
      if (compare(bump, current) < 0) throw new ReleaseError(`${bump} is lower than the current version ${current}`);
      return bump;
    }
  }
}

function compare(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** https://github.com/owner/repo from package.json's repository field. */
export function repositoryUrl(pkg: { repository?: string | { url?: string } }): string {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) throw new ReleaseError('package.json has no repository URL for the CHANGELOG links');
  return raw.replace(/^git\+/, '').replace(/\.git$/, '');
}

const UNRELEASED = /^## \[Unreleased\][^\n]*\n/m;

/**
 * CHANGELOG.md with [Unreleased] moved into `## [version] - date`, a fresh empty [Unreleased]
 * above it, and Keep a Changelog's link references updated.
 */
export function releaseChangelog(text: string, version: string, date: string, repo: string): string {
  const head = text.match(UNRELEASED);
  if (!head || head.index === undefined) throw new ReleaseError('CHANGELOG.md has no "## [Unreleased]" section');
  const start = head.index + head[0].length;
  const nextHeading = text.slice(start).search(/^## \[/m);
  const linksAt = text.slice(start).search(/^\[[^\]]+\]: /m);
  const candidates = [nextHeading, linksAt].filter((i) => i >= 0);
  const end = candidates.length > 0 ? start + Math.min(...candidates) : text.length;
  const body = text.slice(start, end).trim();
  if (!/^\s*[-*] /m.test(body))
    throw new ReleaseError('CHANGELOG.md has nothing under [Unreleased]: add the changes this release brings');

  const previous = text.slice(end).match(/^## \[(\d+\.\d+\.\d+)\]/m)?.[1];
  let out = `${text.slice(0, head.index)}## [Unreleased]\n\n## [${version}] - ${date}\n\n${body}\n\n${text.slice(end).trimStart()}`;

  // Link references: [Unreleased] compares from the new tag; the new version gets its own.
  out = out.replace(/^\[Unreleased\]: .*\n?/m, '');
  const newLinks = [
    `[Unreleased]: ${repo}/compare/v${version}...HEAD`,
    previous
      ? `[${version}]: ${repo}/compare/v${previous}...v${version}`
      : `[${version}]: ${repo}/releases/tag/v${version}`,
  ].join('\n');
  const firstLink = out.search(/^\[[^\]]+\]: /m);
  out =
    firstLink >= 0
      ? `${out.slice(0, firstLink)}${newLinks}\n${out.slice(firstLink)}`
      : `${out.trimEnd()}\n\n${newLinks}\n`;
  return `${out.trimEnd()}\n`;
}

function setVersion(file: string, version: string): string {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  json.version = version;
  if (json.packages?.['']) json.packages[''].version = version; // package-lock.json
  return `${JSON.stringify(json, null, 2)}\n`;
}

export async function release(options: ReleaseOptions): Promise<ReleasePlan> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const log = options.log ?? ((line: string) => console.log(line));
  const git = async (...args: string[]) => (await execa('git', args, { cwd })).stdout;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  const pkgFile = path.join(cwd, 'package.json');
  const lockFile = path.join(cwd, 'package-lock.json');
  const changelogFile = path.join(cwd, 'CHANGELOG.md');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));

  const status = await git('status', '--porcelain');
  if (status.trim() !== '')
    throw new ReleaseError(`the working tree has uncommitted changes; commit or remove them first:\n${status}`);

  const existingTags = new Set((await git('tag', '--list', 'v*')).split('\n').filter(Boolean));
  let version = nextVersion(pkg.version, options.bump);
  // The first release can be the version package.json already names.
  if (SEMVER.test(options.bump) && options.bump === pkg.version) version = pkg.version;
  const tag = `v${version}`;
  if (existingTags.has(tag)) throw new ReleaseError(`tag ${tag} exists already`);

  const date = options.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ReleaseError(`--date must be YYYY-MM-DD (got ${date})`);
  const changelog = releaseChangelog(fs.readFileSync(changelogFile, 'utf8'), version, date, repositoryUrl(pkg));
  log(`release: ${pkg.version} -> ${version} (${tag})${options.dryRun ? ', dry run: nothing is written' : ''}`);

  if (options.skipChecks) {
    log('release: checks skipped (--skip-checks)');
  } else {
    for (const [name, args] of [
      ['generate --check', ['run', 'generate', '--', '--check']],
      ['npm test', ['test']],
    ] as const) {
      log(`release: ${name} ...`);
      const step = performance.now();
      const result = await execa('npm', [...args], { cwd, reject: false, all: true });
      if (result.exitCode !== 0)
        throw new ReleaseError(`${name} failed (exit ${result.exitCode}):\n${result.all ?? ''}`);
      log(`release: ${name} passed in ${((performance.now() - step) / 1000).toFixed(1)} s`);
    }
  }

  const files = ['package.json', ...(fs.existsSync(lockFile) ? ['package-lock.json'] : []), 'CHANGELOG.md'];
  const commands = [`git add ${files.join(' ')}`, `git commit -m "Release ${tag}"`, `git tag -a ${tag} -m "${tag}"`];
  const section =
    changelog
      .match(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\][\\s\\S]*?(?=^## \\[|^\\[[^\\]]+\\]: )`, 'm'))?.[0]
      .trim() ?? '';
  log(`release: CHANGELOG.md section:\n\n${section}\n`);

  if (options.dryRun) {
    for (const c of commands) log(`release: would run: ${c}`);
  } else {
    fs.writeFileSync(pkgFile, setVersion(pkgFile, version));
    if (fs.existsSync(lockFile)) fs.writeFileSync(lockFile, setVersion(lockFile, version));
    fs.writeFileSync(changelogFile, changelog);
    await git('add', ...files);
    await git('commit', '-m', `Release ${tag}`);
    await git('tag', '-a', tag, '-m', tag);
    log(`release: committed and tagged ${tag} in ${elapsed()}`);
  }
  log(`release: publish with: git push origin HEAD ${tag}`);
  return { version, tag, changelog, commands };
}

function parseArgs(argv: string[]): ReleaseOptions {
  const positional = argv.filter((a) => !a.startsWith('--'));
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const flagValues = new Set([value('--date'), value('--cwd')].filter(Boolean));
  const bump = positional.filter((p) => !flagValues.has(p))[0];
  if (!bump)
    throw new ReleaseError(
      'usage: npm run release -- <patch|minor|major|X.Y.Z> [--dry-run] [--skip-checks] [--date YYYY-MM-DD]',
    );
  return {
    bump,
    dryRun: argv.includes('--dry-run'),
    skipChecks: argv.includes('--skip-checks'),
    date: value('--date'),
    cwd: value('--cwd'),
  };
}

if (require.main === module) {
  void (async () => {
    try {
      await release(parseArgs(process.argv.slice(2)));
    } catch (e) {
      if (!(e instanceof ReleaseError)) throw e;
      console.error(`release: ${e.message}`);
      process.exit(1);
    }
  })();
}
