/** The routes every section measures, and section A: requests/s under load, as a ratio to /health. */
import { drainAwards } from './db.ts';
import { startSubmitPool, submitBody, type Fixtures } from './fixtures.ts';
import { loadTest, type LoadResult } from './load.ts';
import { perRequestUs, type CpuTicks, type stackCpu } from './process-cpu.ts';
import { median, summariseRounds, type Share } from './stats.ts';
import type pg from 'pg';

export interface ReadRoute {
  name: string;
  path: string;
  token?: string;
}

/** The read routes, /health first (the baseline). */
export function readRoutes(f: Fixtures): ReadRoute[] {
  const id = f.subject.id;
  return [
    { name: 'GET /health', path: '/health' },
    { name: 'GET /challenges?limit=20', path: '/challenges?limit=20' },
    { name: 'GET /challenges/{id}', path: `/challenges/${f.challenges[0]!.id}` },
    { name: 'GET /badges', path: '/badges' },
    { name: 'GET /leaderboard?limit=10', path: '/leaderboard?limit=10' },
    { name: 'GET /leaderboard/around/{id}', path: `/leaderboard/around/${id}` },
    { name: 'GET /users/{id}/progress', path: `/users/${id}/progress` },
    { name: 'GET /users/{id}/badges', path: `/users/${id}/badges` },
    { name: 'GET /auth/me', path: '/auth/me', token: f.subject.token },
  ];
}

export const SUBMIT_ROUTE = 'POST /attempts/{id}/submit';

export interface ThroughputRow extends LoadResult {
  name: string;
  /** req/s as a share of /health's in the same round: the median, and the lowest and highest round. */
  share: Share;
  /** CPU µs per request of each part of the local stack in that round (undefined where /proc is not there). */
  cpu?: CpuTicks;
}

/**
 * `rounds` passes over the read routes, /health first in each, so each route is compared with the
 * /health of its own round (seconds apart, not minutes); a route's row is its median round. Submit,
 * which spends a pool of started attempts, runs once.
 */
export async function measureThroughput(
  f: Fixtures,
  db: pg.Client,
  durationSeconds: number,
  rounds: number,
  cpu?: ReturnType<typeof stackCpu>,
): Promise<ThroughputRow[]> {
  const routes = readRoutes(f);
  const runs = routes.map(() => [] as (LoadResult & { cpu?: CpuTicks })[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, route] of routes.entries()) {
      const headers: Record<string, string> = route.token ? { Authorization: `Bearer ${route.token}` } : {};
      const before = cpu?.sample();
      const run = await loadTest({ url: `${f.api.baseUrl}${route.path}`, durationSeconds, headers });
      const after = cpu?.sample();
      runs[i]!.push({ ...run, cpu: before && after ? perRequestUs(before, after, run.requests) : undefined });
    }
  }
  const healthRps = runs[0]!.map((run) => run.rps);
  const rows = routes.map((route, i) => {
    const { medianRound, share } = summariseRounds(runs[i]!.map((run) => run.rps), healthRps);
    return { name: route.name, ...runs[i]![medianRound]!, share };
  });
  const submits = await measureSubmits(f, db, durationSeconds);
  const submitShare = submits.rps / median(healthRps);
  rows.push({ name: SUBMIT_ROUTE, ...submits, share: { median: submitShare, low: submitShare, high: submitShare } });
  return rows;
}

/**
 * Each submit needs its own started attempt: a pool is prepared first (about 1.5× what the stack
 * can take in the time), and autocannon stops when it is used up.
 */
async function measureSubmits(f: Fixtures, db: pg.Client, durationSeconds: number): Promise<LoadResult> {
  const pool = await startSubmitPool(f, Math.min(f.players.length * f.challenges.length, Math.max(100, Math.round(durationSeconds * 130))));
  let next = 0;
  const result = await loadTest({
    url: f.api.baseUrl,
    durationSeconds,
    amount: pool.length,
    method: 'POST',
    nextRequest: () => {
      const attempt = pool[next++];
      if (!attempt) return undefined;
      const headers = { Authorization: `Bearer ${attempt.player.token}`, 'Content-Type': 'application/json' };
      return { path: `/attempts/${attempt.id}/submit`, headers, body: submitBody };
    },
  });
  await drainAwards(db); // the awards run after the 202s; let them finish before the next section
  return result;
}
