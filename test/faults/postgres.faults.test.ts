import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAdmin } from '../setup/throwaway-databases.ts';
import { settle } from './consistency.ts';
import { sleep, startFaultStack, type FaultStack } from './fault-stack.ts';
import { underWorkload } from './scenario.ts';
import { registerPlayers } from './workload.ts';

let s: FaultStack;
beforeAll(async () => {
  // The gateway is this test's own, reaching Postgres through a cable it can unplug.
  s = await startFaultStack('faultspg', { ownGateway: true });
});
afterAll(async () => {
  await s?.stop();
});

/** Polls `holds` every 100 ms for up to 15 s. */
async function until(holds: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 15_000; !(await holds()); await sleep(100)) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
  }
}

describe('Postgres faults under concurrent submits', () => {
  it('every backend of the app killed every 500 ms for 8 s mid-award: failed awards are retried, each awarded once', async () => {
    let killed = 0;
    await underWorkload(s, 'pkill', async () => {
      await withAdmin(async (admin) => {
        for (const until = Date.now() + 8_000; Date.now() < until; await sleep(500)) {
          const { rowCount } = await admin.query(
            `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and usename = 'skillquest_app'`,
            [s.databaseName],
          );
          killed += rowCount ?? 0;
        }
      });
    });
    expect(killed).toBeGreaterThan(0); // the app had connections to kill
  });

  it('Postgres unreachable for 5 s: submits fail or wait, awards are retried, each awarded once', async () => {
    const cable = s.postgresCable!;
    await underWorkload(s, 'pdown', async () => {
      await cable.unplug();
      await sleep(5_000);
      await cable.plug();
    });
  });

  it('the connection is cut while a submit commits: a 503 to the player, and the cron pays the award that nothing sent, once', async () => {
    const cable = s.postgresCable!;
    const [player] = await registerPlayers(s.call, 'lostanswer', 1);
    const started = await s.call('POST', '/attempts', { challenge_id: s.challenges[0] }, player!.token);
    expect(started.status).toBe(201);
    const attemptId = started.json.id as string;
    const db = new pg.Client({ connectionString: s.databaseUrl });
    await db.connect();
    try {
      // This attempt's submit takes 3 s to commit (a deferred trigger runs at COMMIT): time to cut the
      // connection after Postgres has the statement and before its answer comes back. Postgres still commits.
      await db.query(`create function lost_answer_slow_commit() returns trigger language plpgsql as $$
        begin perform pg_sleep(3); return null; end $$`);
      await db.query(`create constraint trigger lost_answer_slow_commit after update on attempts deferrable initially deferred
        for each row when (new.id = '${attemptId}' and new.status <> 'started') execute function lost_answer_slow_commit()`);

      const submit = s.call('POST', `/attempts/${attemptId}/submit`, { score: 100, solution: 'cut' }, player!.token);
      await until(async () => (await db.query(`select 1 from pg_stat_activity where wait_event = 'PgSleep' and datname = current_database()`)).rowCount === 1);
      await cable.unplug(); // Postgres is in the COMMIT: the statement reached it, its answer never will
      const answer = await submit;
      await cable.plug();
      expect(answer.status).toBe(503);
      expect(answer.json.error.code).toBe('service_unavailable');

      const row = async () => (await db.query(`select status, awarded_at from attempts where id = $1`, [attemptId])).rows[0];
      await until(async () => (await row()).status === 'passed'); // the commit lands
      expect(await row()).toEqual({ status: 'passed', awarded_at: null }); // submitted, and no award on its way

      // The cron (AWARD_RESEND_AFTER_SECONDS=10 here) sends it; each tick after that finds nothing to send.
      expect(await settle(s.databaseUrl, { tick: () => s.cronTick(), tickEveryMs: 2_000 })).toEqual({ unawarded: 0, unannounced: 0 });
      await s.cronTick();
      await sleep(3_000);
      const ledger = await db.query(`select count(*)::int as n from xp_events where attempt_id = $1`, [attemptId]);
      expect(ledger.rows[0].n).toBe(1);
      expect(await s.differences()).toEqual([]);
    } finally {
      await db.query('drop trigger if exists lost_answer_slow_commit on attempts; drop function if exists lost_answer_slow_commit()');
      await db.end();
    }
  });
});

