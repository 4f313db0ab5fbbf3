import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../scripts/migrate.ts';
import { seed } from '../../seed/seed.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

/**
 * `npm run reconcile` as an operator runs it: a process with an exit status, against a database of
 * its own (the checks themselves are tested in test/worker/reconcile.test.ts).
 */
const database = throwawayDatabase('recscript');
const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379/12', REDIS_KEY_PREFIX: `sqrec:${Date.now().toString(36)}` };

function reconcile(env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts'], {
    env: { ...process.env, DATABASE_URL: database.url, ...REDIS, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

async function sql(text: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await migrateDatabase(database.url);
  await seed(database.url, '1024,1,1');
});
afterAll(() => database.drop());

describe('npm run reconcile', () => {
  it('on the demo data: a summary line per check, every one ok, exit 0', () => {
    const { status, out } = reconcile();
    expect(status, out).toBe(0);
    expect(out).toMatch(/^reconcile: 4 players checked in [0-9.]+ s$/m);
    for (const check of ['xp_total', 'level', 'leaderboard', 'badges']) expect(out).toMatch(new RegExp(`^ok +${check} +0 differences`, 'm'));
  });

  it('a total that disagrees with the ledger: FAIL lines, the differences as JSON, exit 1', async () => {
    const [alice] = await sql(`update users set total_xp = 150 where username = 'alice' returning id`);
    const { status, out } = reconcile();
    expect(status, out).toBe(1);
    expect(out).toMatch(/^FAIL xp_total +1 differences/m);
    const lines = out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    // The seed gives alice 1,280 XP (level 4) from her demo history.
    expect(lines).toContainEqual({ check: 'xp_total', user_id: alice.id, expected: 1280, actual: 150 });
    expect(lines).toContainEqual({ check: 'level', user_id: alice.id, expected: 2, actual: 4 });
  });

  it('Redis unreachable: says why and exits 2, not 0', () => {
    const { status, err } = reconcile({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(status).toBe(2);
    expect(err).toContain('reconcile: could not run');
  });
});
