/** Direct Postgres access for what the API doesn't show: the award backlog, bulk data, EXPLAIN. */
import pg from 'pg';
import { sleep } from './stats.ts';

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Submitted attempts the award consumer has not finished (awarded and announced to the hub). */
export async function pendingAwards(db: pg.Client): Promise<number> {
  const { rows } = await db.query(`select count(*)::int as n from attempts where status <> 'started' and (awarded_at is null or announced_at is null)`);
  return (rows[0] as { n: number }).n;
}

/** Waits until every submitted attempt is awarded and announced; returns false on timeout. */
export async function drainAwards(db: pg.Client, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await pendingAwards(db)) === 0) return true;
    await sleep(200);
  }
  return false;
}

/** Polls until the attempt is awarded and announced; resolves with the time it was seen. */
export async function awaitAward(db: pg.Client, attemptId: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query('select announced_at is not null as done from attempts where id = $1', [attemptId]);
    if ((rows[0] as { done: boolean } | undefined)?.done) return performance.now();
    await sleep(5);
  }
  throw new Error(`attempt ${attemptId} not awarded within ${timeoutMs} ms`);
}
