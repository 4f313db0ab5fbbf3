import { afterAll, describe, expect, it } from 'vitest';
import { dropStaleThrowawayDatabases, runId, throwawayDatabase, withAdmin } from '../setup/throwaway-databases.ts';

const HOUR = 60 * 60 * 1000;
const exists = (name: string) =>
  withAdmin(async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);

describe('test setup: throwaway databases of killed runs', () => {
  const killedRun = throwawayDatabase('stale', runId(Date.now() - 7 * HOUR));
  const runningNow = throwawayDatabase('stale', runId(Date.now() - 5 * 60 * 1000));
  afterAll(() => runningNow.drop());

  it('drops those older than six hours and leaves a run in progress alone', async () => {
    for (const database of [killedRun, runningNow]) await database.create();
    const dropped = await dropStaleThrowawayDatabases();
    expect(dropped).toContain(killedRun.name);
    expect(dropped).not.toContain(runningNow.name);
    expect(await exists(killedRun.name)).toBe(false);
    expect(await exists(runningNow.name)).toBe(true);
    expect(await exists('postgres')).toBe(true);
  });
});
