/**
 * Re-plans the doctor's fixtures and rewrites their committed plan.json.
 *
 *   node scripts/run-ts.js test/doctor/refresh-fixtures.ts            # all fixtures
 *   node scripts/run-ts.js test/doctor/refresh-fixtures.ts nfs-path   # some of them
 *
 * Runs two plans at a time (each takes ~4 s and ~600 MB with the AWS provider)
 * and prints the findings of each plan, to compare with the expectations in
 * doctor.test.ts.
 */
import * as fs from 'fs';
import { diagnose } from '../../src/doctor/diagnose';
import { parsePlan, PlanParseError } from '../../src/doctor/plan/parse';
import { removeTempDirs } from '../support/terraform';
import { FIXTURES, planFixture, planJsonPath, type Fixture } from './fixtures';

const CONCURRENCY = 2;

async function refresh(fixture: Fixture): Promise<string> {
  const started = Date.now();
  const plan = await planFixture(fixture);
  fs.writeFileSync(planJsonPath(fixture.name), `${JSON.stringify(plan, null, 2)}\n`);
  let lines: string[];
  try {
    lines = diagnose(parsePlan(JSON.stringify(plan))).map((f) => `    ${f.severity} ${f.check} ${f.address}`);
  } catch (error) {
    if (!(error instanceof PlanParseError)) throw error;
    lines = [`    refused: ${error.message}`];
  }
  return [
    `${fixture.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    ...(lines.length > 0 ? lines : ['    no findings']),
  ].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !FIXTURES.some((f) => f.name === name));
  if (unknown.length > 0) throw new Error(`unknown fixture(s): ${unknown.join(', ')}`);
  const queue = FIXTURES.filter((f) => wanted.length === 0 || wanted.includes(f.name));
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    for (let fixture = queue.shift(); fixture; fixture = queue.shift()) console.log(await refresh(fixture));
  });
  try {
    await Promise.all(workers);
  } finally {
    removeTempDirs();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
