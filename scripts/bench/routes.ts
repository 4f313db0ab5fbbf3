/** The routes every section measures, and section A: requests/s under load, as a ratio to /health. */
import { drainAwards } from './db.ts';
import { startSubmitPool, submitBody, type Fixtures } from './fixtures.ts';
import { loadTest, type LoadResult } from './load.ts';
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
}

export async function measureThroughput(f: Fixtures, db: pg.Client, durationSeconds: number): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const route of readRoutes(f)) {
    const headers: Record<string, string> = route.token ? { Authorization: `Bearer ${route.token}` } : {};
    rows.push({ name: route.name, ...(await loadTest({ url: `${f.api.baseUrl}${route.path}`, durationSeconds, headers })) });
  }
  rows.push({ name: SUBMIT_ROUTE, ...(await measureSubmits(f, db, durationSeconds)) });
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
