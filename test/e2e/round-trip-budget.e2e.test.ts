import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayCounters, type Totals } from './round-trips.ts';
import { startDevStack, type Stack } from './stack.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';

/**
 * The round-trip budgets of the edge (issue: every request within a budget), asserted on the local
 * gateway's exact counters. A stack of this file's own, so no other test's requests are counted.
 * "Origin round trips" = Postgres queries (an HTTP query or batch is one) + Redis REST requests (a
 * pipeline or script is one).
 */
const database = throwawayDatabase('budget');
let stack: Stack;
let counters: ReturnType<typeof gatewayCounters>;
let db: pg.Client;
const player = { id: '', token: '' };
let challengeId = '';

async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function awarded(attemptId: string) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await db.query('select announced_at from attempts where id = $1', [attemptId]);
    if (rows[0]?.announced_at) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`attempt ${attemptId} was never announced`);
}

/** Starts and submits an attempt, and waits until its award has been published. */
async function passChallenge(id: string) {
  const attempt = await call('POST', '/attempts', { challenge_id: id }, player.token);
  await call('POST', `/attempts/${attempt.id}/submit`, { score: 100 }, player.token);
  await awarded(attempt.id);
}

beforeAll(async () => {
  // The edge cache off: these budgets are for the requests that reach the origin. HTTP metrics off: their
  // one Redis request per HTTP request is sent after the response, off the path these budgets are for,
  // and would land in the counters of whichever request is measured next.
  stack = await startDevStack({
    DATABASE_URL: database.url,
    REDIS_URL: 'redis://127.0.0.1:6379/12',
    EDGE_CACHE_LEADERBOARD_SECONDS: '0',
    EDGE_CACHE_CHALLENGES_SECONDS: '0',
    // The history test submits more than a player's default budget a minute.
    SUBMISSIONS_PER_MINUTE: '1000',
    STARTS_PER_MINUTE: '1000',
    HTTP_METRICS_ENABLED: 'false',
  });
  counters = gatewayCounters(stack.gatewayUrl);
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const username = `budget_${Date.now().toString(36)}`;
  await call('POST', '/auth/register', { username, email: `${username}@example.test`, password: 'budget-password-1' });
  player.token = (await call('POST', '/auth/login', { username, password: 'budget-password-1' })).access_token;
  player.id = (await call('GET', '/auth/me', undefined, player.token)).id;
  const challenges = (await call('GET', '/challenges?limit=20')).items as { id: string }[];
  challengeId = challenges[0]!.id;
  for (const challenge of challenges.slice(0, 3)) await passChallenge(challenge.id);
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
  await database.drop();
});

const originRoundTrips = (t: Totals) => t.pg_round_trips + t.redis_requests;

describe('round-trip budgets, from the gateway counters', () => {
  const publicReads: [string, () => string, boolean?][] = [
    ['GET /leaderboard?limit=10', () => '/leaderboard?limit=10'],
    ['GET /leaderboard/around/{id}', () => `/leaderboard/around/${player.id}`],
    ['GET /challenges?limit=20', () => '/challenges?limit=20'],
    ['GET /challenges/{id}', () => `/challenges/${challengeId}`],
    ['GET /badges', () => '/badges'],
    ['GET /users/{id}/progress', () => `/users/${player.id}/progress`],
    ['GET /users/{id}/badges', () => `/users/${player.id}/badges`],
    ['GET /auth/me', () => '/auth/me', true],
  ];

  it.each(publicReads)('%s: no Postgres connection opened, at most 2 origin round trips', async (_name, path, authed) => {
    const get = () => call('GET', path(), undefined, authed ? player.token : undefined);
    await get(); // warm: a first request may load the board or the script
    const counts = await counters.around(get);
    expect(counts.pg_connections).toBe(0);
    expect(originRoundTrips(counts)).toBeLessThanOrEqual(2);
  });

  it.each([
    ['GET /leaderboard?limit=10', () => '/leaderboard?limit=10'],
    ['GET /leaderboard/around/{id}', () => `/leaderboard/around/${player.id}`],
  ])('%s is answered from Redis alone: one request, no SQL', async (_name, path) => {
    const counts = await counters.around(() => call('GET', path()));
    expect(counts).toMatchObject({ pg_connections: 0, pg_round_trips: 0, redis_requests: 1 });
  });

  it('POST /attempts/{id}/submit: one statement on Postgres, no connection, one rate-limit request', async () => {
    const attempt = await call('POST', '/attempts', { challenge_id: challengeId }, player.token);
    const counts = await counters.around(() => call('POST', `/attempts/${attempt.id}/submit`, { score: 90 }, player.token));
    expect(counts).toMatchObject({ pg_connections: 0, pg_statements: 1, pg_round_trips: 1, redis_requests: 1 });
    await awarded(attempt.id);
  });

  it('one award costs the same statements for a player with a long history as with a short one', async () => {
    const cost = async () => {
      const attempt = await call('POST', '/attempts', { challenge_id: challengeId }, player.token);
      await counters.reset();
      await call('POST', `/attempts/${attempt.id}/submit`, { score: 95 }, player.token);
      await awarded(attempt.id);
      return counters.totals();
    };
    const early = await cost();
    for (let i = 0; i < 10; i++) await passChallenge(challengeId);
    const later = await cost();
    expect(later.pg_statements).toBe(early.pg_statements);
    expect(later.pg_connections).toBeLessThanOrEqual(1);
  }, 120_000);
});
