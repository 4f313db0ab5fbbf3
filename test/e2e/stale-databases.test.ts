import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropStaleThrowawayDatabases } from '../setup/stale-databases.ts';

const ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const HOUR = 60 * 60 * 1000;
const nameAt = (ms: number) => `skillquest_stale_${ms.toString(36)}_${randomBytes(3).toString('hex')}`;

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
const exists = (name: string) =>
  admin(async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);

describe('test setup: throwaway databases of killed runs', () => {
  const killedRun = nameAt(Date.now() - 7 * HOUR);
  const runningNow = nameAt(Date.now() - 5 * 60 * 1000);
  afterAll(() => admin(async (client) => void (await client.query(`drop database if exists "${runningNow}" with (force)`))));

  it('drops those older than six hours and leaves a run in progress alone', async () => {
    await admin(async (client) => {
      for (const name of [killedRun, runningNow]) await client.query(`create database "${name}"`);
    });
    const dropped = await dropStaleThrowawayDatabases(ADMIN_URL);
    expect(dropped).toContain(killedRun);
    expect(dropped).not.toContain(runningNow);
    expect(await exists(killedRun)).toBe(false);
    expect(await exists(runningNow)).toBe(true);
    expect(await exists('postgres')).toBe(true);
  });
});
