import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardAttempt, awardAttempts } from '../../src/awards/award-attempt';
import { playerSnapshot } from '../../src/services/player-stats';
import { createChallenge, deliver } from './award-helpers';
import { config, createUser, openDb, type TestUser } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

/**
 * The award's cost must not grow with the player's history. The local gateway counts the statements
 * each Postgres connection sends (GET /__stats, gateway/README.md). Other test files use the gateway
 * at the same time, so this file first finds its own connection: the only one that sent exactly the
 * two bursts of `select 1` it sent.
 */
const handle = openDb();
afterAll(() => handle.close());

interface PgConnection {
  id: number;
  kind: string;
  statements: number;
  round_trips: number;
}

async function pgConnections(): Promise<Map<number, PgConnection>> {
  const res = await fetch(`${config.UPSTASH_REDIS_REST_URL}/__stats`, { headers: { Authorization: `Bearer ${config.UPSTASH_REDIS_REST_TOKEN}` } });
  const body = (await res.json()) as { connections: PgConnection[] };
  return new Map(body.connections.filter((c) => c.kind === 'pg').map((c) => [c.id, c]));
}

async function selects(n: number) {
  for (let i = 0; i < n; i++) await handle.pool.query('select 1');
}

const grew = (before: Map<number, PgConnection>, after: Map<number, PgConnection>, id: number) => ({
  statements: (after.get(id)?.statements ?? 0) - (before.get(id)?.statements ?? 0),
  roundTrips: (after.get(id)?.round_trips ?? 0) - (before.get(id)?.round_trips ?? 0),
});

/** The id of the one connection of this file's pool (used one query at a time, so it never opens a second). */
async function ownConnection(): Promise<number> {
  await selects(1);
  for (let tries = 0; tries < 5; tries++) {
    const before = await pgConnections();
    await selects(7);
    const middle = await pgConnections();
    await selects(13);
    const after = await pgConnections();
    const mine = [...after.keys()].filter((id) => grew(before, middle, id).statements === 7 && grew(middle, after, id).statements === 13);
    if (mine.length === 1) return mine[0]!;
  }
  throw new Error('could not tell this file’s connection from the others');
}

let connection: number;
async function cost(work: () => Promise<unknown>) {
  const before = await pgConnections();
  await work();
  return grew(before, await pgConnections(), connection);
}

/** A player with `count` awarded passes (on `count` challenges, over as many days), and one more submitted pass. */
async function playerWithHistory(count: number, nextDay: string): Promise<{ player: TestUser; next: string }> {
  const player = await createUser(handle);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const challenge = await createChallenge(handle, { xp: 10, tags: ['sql'] });
    ids.push(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90, submittedAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
  }
  for (let i = 0; i < ids.length; i += 10) expect((await deliver(...ids.slice(i, i + 10).map(award))).retryMessages).toHaveLength(0);
  const challenge = await createChallenge(handle, { xp: 10, tags: ['sql'] });
  return { player, next: await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100, submittedAt: new Date(nextDay) }) };
}

describe('the award runs a fixed number of statements, whatever the history', () => {
  let fresh: Awaited<ReturnType<typeof playerWithHistory>>;
  let veteran: Awaited<ReturnType<typeof playerWithHistory>>;
  let late: Awaited<ReturnType<typeof playerWithHistory>>;
  beforeAll(async () => {
    fresh = await playerWithHistory(1, '2026-02-15T12:00:00Z');
    veteran = await playerWithHistory(30, '2026-02-15T12:00:00Z');
    late = await playerWithHistory(30, '2026-01-10T12:00:00Z'); // a day older than the last pass day: the streak is recounted
    connection = await ownConnection();
  }, 120_000);

  it('1 or 30 earlier passes, or a late pass filling an older day: the same 5 statements, 5 round trips (BEGIN … COMMIT)', async () => {
    const costs = [];
    for (const { next } of [fresh, veteran, late]) {
      costs.push(await cost(async () => expect(await awardAttempt(handle.db, next, config.PASS_THRESHOLD)).toMatchObject({ newlyAwarded: true })));
    }
    expect(costs).toEqual([
      { statements: 5, roundTrips: 5 },
      { statements: 5, roundTrips: 5 },
      { statements: 5, roundTrips: 5 },
    ]);
    expect((await playerSnapshot(handle.db, late.player.id))?.stats).toMatchObject({ passedAttempts: 31, streakDays: 30 });
  });

  it('a replay is cheaper still, and the progress snapshot is one statement', async () => {
    expect(await cost(() => awardAttempt(handle.db, veteran.next, config.PASS_THRESHOLD))).toEqual({ statements: 4, roundTrips: 4 });
    for (const { player } of [fresh, veteran]) expect(await cost(() => playerSnapshot(handle.db, player.id))).toEqual({ statements: 1, roundTrips: 1 });
  });
});

describe('a batch of awards costs what one award costs', () => {
  it('1 award, 12 awards of 12 players, or 6 awards of one player (with a late day among them): 5 statements each', async () => {
    const one = await playerWithHistory(2, '2026-03-01T12:00:00Z');
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => playerWithHistory(1 + (i % 3) * 10, '2026-03-01T12:00:00Z')));
    const busy = await playerWithHistory(5, '2026-03-01T12:00:00Z');
    const more: string[] = [busy.next];
    for (const day of ['2026-03-02', '2026-01-07', '2026-01-06', '2026-03-02', '2026-03-04']) {
      const challenge = await createChallenge(handle, { xp: 10, tags: ['sql'] });
      more.push(await insertSubmittedAttempt(handle, { userId: busy.player.id, challengeId: challenge.id, score: 95, submittedAt: new Date(`${day}T12:00:00Z`) }));
    }
    connection = await ownConnection();
    const batch = async (ids: string[]) => {
      let outcomes = new Map();
      const spent = await cost(async () => (outcomes = await awardAttempts(handle.db, ids, config.PASS_THRESHOLD)));
      expect([...outcomes.values()].every((o) => o?.newlyAwarded)).toBe(true);
      return spent;
    };
    expect(await batch([one.next])).toEqual({ statements: 5, roundTrips: 5 });
    expect(await batch(many.map((m) => m.next))).toEqual({ statements: 5, roundTrips: 5 });
    expect(await batch(more)).toEqual({ statements: 5, roundTrips: 5 });
    // Two late days (January 6 and 7) extend the run of January 1–5 to 7 days; March has a run of 2.
    expect((await playerSnapshot(handle.db, busy.player.id))?.stats).toMatchObject({ passedAttempts: 11, streakDays: 7 });
  }, 120_000);
});
