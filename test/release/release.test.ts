/**
 * scripts/release.ts: version arithmetic, the CHANGELOG move, and the script itself run in a
 * throwaway Git repository holding copies of package.json, package-lock.json and CHANGELOG.md:
 * the dry run writes nothing, the real run commits and tags, and every refusal refuses.
 * Checks (generate --check, npm test) are skipped here: this test runs inside npm test.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { nextVersion, release, releaseChangelog, ReleaseError, repositoryUrl } from '../../scripts/release';
import { makeTempDir } from '../support/terraform';

const ROOT = path.resolve(__dirname, '../..');
const REPO = 'https://github.com/your-org/efs-modules';
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

describe('nextVersion', () => {
  test.each([
    ['0.1.0', 'patch', '0.1.1'],
    ['0.1.9', 'minor', '0.2.0'],
    ['1.4.2', 'major', '2.0.0'],
    ['0.1.0', '0.1.0', '0.1.0'],
    ['0.1.0', '1.0.0', '1.0.0'],
  ])('%s + %s = %s', (current, bump, next) => {
    expect(nextVersion(current, bump)).toBe(next);
  });

  test('refuses going back and nonsense', () => {
    expect(() => nextVersion('0.2.0', '0.1.0')).toThrow(ReleaseError);
    expect(() => nextVersion('0.2.0', 'v0.3.0')).toThrow(/patch, minor, major or X.Y.Z/);
  });
});

test('repositoryUrl reads the package.json form', () => {
  expect(repositoryUrl({ repository: { url: 'git+https://github.com/your-org/efs-modules.git' } })).toBe(REPO);
});

describe('releaseChangelog', () => {
  const first = [
    '# Changelog',
    '',
    'Intro.',
    '',
    '## [Unreleased]',
    '',
    '### Added',
    '',
    '- efs-filesystem.',
    '',
    `[Unreleased]: ${REPO}/commits/HEAD`,
    '',
  ].join('\n');

  test('the first release: the section moves under the version, with a tag link', () => {
    expect(releaseChangelog(first, '0.1.0', '2026-01-02', REPO)).toBe(
      [
        '# Changelog',
        '',
        'Intro.',
        '',
        '## [Unreleased]',
        '',
        '## [0.1.0] - 2026-01-02',
        '',
        '### Added',
        '',
        '- efs-filesystem.',
        '',
        `[Unreleased]: ${REPO}/compare/v0.1.0...HEAD`,
        `[0.1.0]: ${REPO}/releases/tag/v0.1.0`,
        '',
      ].join('\n'),
    );
  });

  test('a later release compares with the previous tag and keeps older sections and links', () => {
    const released = releaseChangelog(first, '0.1.0', '2026-01-02', REPO).replace(
      '## [Unreleased]\n',
      '## [Unreleased]\n\n### Fixed\n\n- A bug.\n',
    );
    const second = releaseChangelog(released, '0.1.1', '2026-02-03', REPO);
    expect(second).toContain(
      '## [Unreleased]\n\n## [0.1.1] - 2026-02-03\n\n### Fixed\n\n- A bug.\n\n## [0.1.0] - 2026-01-02\n',
    );
    expect(second).toContain(
      `[Unreleased]: ${REPO}/compare/v0.1.1...HEAD\n[0.1.1]: ${REPO}/compare/v0.1.0...v0.1.1\n[0.1.0]: ${REPO}/releases/tag/v0.1.0\n`,
    );
  });

  test('refuses an empty Unreleased section', () => {
    const empty = releaseChangelog(first, '0.1.0', '2026-01-02', REPO);
    expect(() => releaseChangelog(empty, '0.1.1', '2026-02-03', REPO)).toThrow(/nothing under \[Unreleased\]/);
  });

  test('accepts the committed CHANGELOG.md', () => {
    const text = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(releaseChangelog(text, pkg.version, '2026-01-02', repositoryUrl(pkg))).toMatch(
      new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - 2026-01-02$`, 'm'),
    );
  });
});

describe('the release script in a Git repository', () => {
  let repo: string;
  const git = async (...args: string[]) => (await execa('git', args, { cwd: repo, env: GIT_ENV })).stdout;
  const snapshot = () =>
    Object.fromEntries(
      ['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => [
        f,
        fs.readFileSync(path.join(repo, f), 'utf8'),
      ]),
    );
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  // release() runs git with this process's environment: a fixed identity, no user config.
  const saved = { ...process.env };
  beforeAll(() => Object.assign(process.env, GIT_ENV));
  afterAll(() => {
    for (const key of Object.keys(GIT_ENV)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  beforeEach(async () => {
    repo = makeTempDir('efs-modules-release-');
    for (const file of ['package.json', 'CHANGELOG.md']) fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
    // A small lock file with the root version fields the script updates (the real one is 300 kB).
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    fs.writeFileSync(
      path.join(repo, 'package-lock.json'),
      `${JSON.stringify({ name: 'efs-modules', version, lockfileVersion: 3, packages: { '': { name: 'efs-modules', version } } }, null, 2)}\n`,
    );
    await git('init', '-q', '-b', 'main');
    await git('add', '.');
    await git('commit', '-q', '-m', 'initial');
    lines.length = 0;
  });

  test('the dry run (the CLI, as `npm run release -- 0.1.0 --dry-run` runs it) prints the plan and writes nothing', async () => {
    const before = snapshot();
    const head = await git('rev-parse', 'HEAD');
    const run = await execa(
      process.execPath,
      [
        path.join(ROOT, 'scripts/run-ts.js'),
        path.join(ROOT, 'scripts/release.ts'),
        '0.1.0',
        '--dry-run',
        '--skip-checks',
        '--date',
        '2026-01-02',
        '--cwd',
        repo,
      ],
      {
        env: { ...process.env, ...GIT_ENV },
      },
    );
    expect(run.stdout).toContain('release: 0.1.0 -> 0.1.0 (v0.1.0), dry run: nothing is written');
    expect(run.stdout).toContain('## [0.1.0] - 2026-01-02');
    expect(run.stdout).toContain('release: would run: git tag -a v0.1.0 -m "v0.1.0"');
    expect(snapshot()).toEqual(before);
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('tag', '--list')).toBe('');
  });

  test('the real run sets the version, moves the CHANGELOG section, commits those files and tags', async () => {
    await release({ bump: 'minor', cwd: repo, skipChecks: true, date: '2026-01-02', log });
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).version).toBe('0.2.0');
    const lock = JSON.parse(fs.readFileSync(path.join(repo, 'package-lock.json'), 'utf8'));
    expect([lock.version, lock.packages[''].version]).toEqual(['0.2.0', '0.2.0']);
    expect(fs.readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8')).toMatch(
      /^## \[Unreleased\]\n\n## \[0\.2\.0\] - 2026-01-02\n/m,
    );
    expect(await git('tag', '--list')).toBe('v0.2.0');
    expect(await git('log', '-1', '--format=%s')).toBe('Release v0.2.0');
    expect((await git('show', '--name-only', '--format=', 'HEAD')).split('\n').sort()).toEqual([
      'CHANGELOG.md',
      'package-lock.json',
      'package.json',
    ]);
    expect(await git('status', '--porcelain')).toBe('');
    expect(lines.at(-1)).toBe('release: publish with: git push origin HEAD v0.2.0');
  });

  test('refuses a dirty working tree, an existing tag and a release with nothing in it', async () => {
    fs.appendFileSync(path.join(repo, 'README.md'), 'draft\n');
    await expect(release({ bump: 'patch', cwd: repo, skipChecks: true, dryRun: true, log })).rejects.toThrow(
      /uncommitted changes/,
    );
    fs.rmSync(path.join(repo, 'README.md'));

    await git('tag', 'v0.1.1');
    await expect(release({ bump: 'patch', cwd: repo, skipChecks: true, dryRun: true, log })).rejects.toThrow(
      /tag v0.1.1 exists/,
    );

    await release({ bump: 'minor', cwd: repo, skipChecks: true, log });
    await expect(release({ bump: 'patch', cwd: repo, skipChecks: true, dryRun: true, log })).rejects.toThrow(
      /nothing under \[Unreleased\]/,
    );
  });
});
