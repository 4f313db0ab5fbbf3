/**
 * Section B: Postgres and Redis round trips one request causes, from the gateway's counters
 * (`GET /__stats`, `POST /__stats/reset`). A gateway without them answers "n/a".
 */
import type pg from 'pg';
import { awaitAward } from './db.ts';
import { startSubmitPool, submitBody, type Fixtures } from './fixtures.ts';
import { sleep } from './stats.ts';
import { readRoutes, SUBMIT_ROUTE } from './routes.ts';

export const COUNTERS = ['pg_connections', 'pg_round_trips', 'pg_statements', 'redis_requests', 'redis_commands'] as const;
export type Counts = Record<(typeof COUNTERS)[number], number>;

export interface RoundTripRow {
  name: string;
  counts: Counts | null;
}

function statsClient(gatewayUrl: string, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  return {
    async totals(): Promise<Counts | null> {
      const res = await fetch(`${gatewayUrl}/__stats`, { headers: auth });
      const body = res.ok ? ((await res.json()) as { total?: Counts }) : undefined;
      return body?.total && COUNTERS.every((k) => typeof body.total?.[k] === 'number') ? body.total : null;
    },
    async reset(): Promise<void> {
      await fetch(`${gatewayUrl}/__stats/reset`, { method: 'POST', headers: auth }).then((r) => r.body?.cancel());
    },
  };
}

export async function measureRoundTrips(f: Fixtures, db: pg.Client, gatewayUrl: string, token: string): Promise<RoundTripRow[]> {
  const stats = statsClient(gatewayUrl, token);
  if ((await stats.totals()) === null) {
    return [...readRoutes(f).map((r) => r.name), SUBMIT_ROUTE, 'one award (consumer + hub)'].map((name) => ({ name, counts: null }));
  }
  const rows: RoundTripRow[] = [];
  const once = async (name: string, request: () => Promise<unknown>) => {
    await request(); // warm: the first request of an isolate opens its connections
    await stats.reset();
    await request();
    rows.push({ name, counts: await stats.totals() });
  };
  for (const route of readRoutes(f)) await once(route.name, () => f.api.get(route.path, route.token));

  const [warm, measured] = await startSubmitPool(f, 2);
  const submit = (a: typeof warm) => f.api.call('POST', `/attempts/${a!.id}/submit`, { body: JSON.parse(submitBody) as unknown, token: a!.player.token });
  // The batch's last step (its webhook events) follows the announcement: let it finish before counting.
  const awardDone = async (id: string) => {
    await awaitAward(db, id);
    await sleep(500);
  };
  await submit(warm);
  await awardDone(warm!.id);
  await stats.reset();
  await submit(measured);
  const afterSubmit = await stats.totals();
  rows.push({ name: SUBMIT_ROUTE, counts: afterSubmit });
  await awardDone(measured!.id);
  const afterAward = await stats.totals();
  const award = afterSubmit && afterAward ? (Object.fromEntries(COUNTERS.map((k) => [k, afterAward[k] - afterSubmit[k]])) as Counts) : null;
  rows.push({ name: 'one award (consumer + hub)', counts: award });
  return rows;
}
