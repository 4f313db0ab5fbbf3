import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAdmin } from '../setup/throwaway-databases.ts';
import { sleep, startFaultStack, type FaultStack } from './fault-stack.ts';
import { underWorkload } from './scenario.ts';

let s: FaultStack;
beforeAll(async () => {
  // The gateway is this test's own, reaching Postgres through a cable it can unplug.
  s = await startFaultStack('faultspg', { ownGateway: true });
});
afterAll(async () => {
  await s?.stop();
});

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
});
