import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, users, xpEvents } from '../../src/db/schema';
import { leaderboardScore } from '../../src/domain/leaderboard-score';
import { levelForXp } from '../../src/domain/levels';
import { readBoard, writeBoard } from '../../src/services/leaderboard/rebuild';
import { createLeaderboard, leaderboardKey } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliver, deliverWithEnv, submitAttempt } from './award-helpers';
import { api, config, createUser, openDb, unique, type TestUser } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';

const handle = openDb();
const redis = createRedis(config);
afterAll(() => handle.close());

const FORTY_DAYS_AGO = new Date(Date.now() - 40 * 86_400_000); // before this week and this month, always

/** History written straight into Postgres: XP a player earned 40 days ago (never published to Redis). */
async function earnedLongAgo(player: TestUser, xp: number) {
  const challenge = await createChallenge(handle, { xp });
  const at = FORTY_DAYS_AGO;
  const [attempt] = await handle.db
    .insert(attempts)
    .values({ userId: player.id, challengeId: challenge.id, status: 'passed', score: 100, xpAwarded: xp, startedAt: at, submittedAt: at, awardedAt: at })
    .returning({ id: attempts.id });
  await handle.db.insert(xpEvents).values({ userId: player.id, attemptId: attempt!.id, challengeId: challenge.id, xp, createdAt: at });
  await handle.db.update(users).set({ totalXp: xp, level: levelForXp(xp), xpReachedAt: at }).where(eq(users.id, player.id));
}

async function earnNow(player: TestUser, xp: number) {
  const challenge = await createChallenge(handle, { xp });
  await deliver(award(await submitAttempt(player.token, challenge.id, 100)));
}

type Entry = { user_id: string; total_xp: number; rank: number };
const entryOf = (res: { json: { entries: Entry[] } }, userId: string) => res.json.entries.find((e) => e.user_id === userId);

describe('windows: all-time, this week, this month (UTC)', () => {
  let veteran: TestUser; // 9,000 XP 40 days ago + 9,500 now
  let retired: TestUser; // 9,400 XP 40 days ago only
  beforeAll(async () => {
    [veteran, retired] = await Promise.all([createUser(handle), createUser(handle)]);
    await earnedLongAgo(veteran, 9_000);
    await earnedLongAgo(retired, 9_400);
    await earnNow(veteran, 9_500);
  });

  it.each([
    ['all', 18_500],
    ['week', 9_500],
    ['month', 9_500],
  ])('window=%s counts only XP earned in the window (%i)', async (window, xp) => {
    const res = await api('GET', `/leaderboard?window=${window}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.json.window).toBe(window);
    expect(entryOf(res, veteran.id)?.total_xp).toBe(xp);
    const around = await api('GET', `/leaderboard/around/${veteran.id}?window=${window}`);
    expect(around.json.rank).toBe(entryOf(res, veteran.id)?.rank);
  });

  it('with Redis unreachable, Postgres answers (200, X-Leaderboard-Source: postgres) with the same windows', async () => {
    for (const [window, veteranXp, retiredXp] of [['all', 18_500, 9_400], ['week', 9_500, undefined], ['month', 9_500, undefined]] as const) {
      const res = await apiWithEnv(DEAD_REDIS, `/leaderboard?window=${window}&limit=100`);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('X-Leaderboard-Source')).toBe('postgres');
      expect(entryOf(res, veteran.id)?.total_xp).toBe(veteranXp);
      expect(entryOf(res, retired.id)?.total_xp).toBe(retiredXp);
      expect(res.json.entries.map((e: Entry) => e.rank)).toEqual(res.json.entries.map((_: Entry, i: number) => i + 1));
    }
    const around = await apiWithEnv(DEAD_REDIS, `/leaderboard/around/${veteran.id}?radius=1`);
    expect(around.status).toBe(200);
    expect(around.headers.get('X-Leaderboard-Source')).toBe('postgres');
    expect(entryOf(around, veteran.id)).toMatchObject({ rank: around.json.rank, total_xp: 18_500 });
  });

  it('ranks the same players in the same order from Redis and from Postgres', async () => {
    const fromRedis = (await api('GET', '/leaderboard?limit=100')).json.entries as Entry[];
    const fromPostgres = (await apiWithEnv(DEAD_REDIS, '/leaderboard?limit=100')).json.entries as Entry[];
    // Players on both boards with the same total (an award of another file may be committed but not yet published).
    const both = fromRedis.filter((e) => fromPostgres.some((p) => p.user_id === e.user_id && p.total_xp === e.total_xp)).map((e) => e.user_id);
    expect(fromPostgres.map((e) => e.user_id).filter((id) => both.includes(id))).toEqual(both);
    expect(both).toContain(veteran.id);
  });
});

describe('XP counts in the week and month it is awarded in', () => {
  it('a pass submitted ten days ago and awarded now is this week’s XP (the ledger row’s time), on the board and in SQL', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 9_200 });
    const submittedAt = new Date(Date.now() - 10 * 86_400_000);
    const id = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100, submittedAt });
    expect((await deliver(award(id))).retryMessages).toHaveLength(0);

    expect(entryOf(await api('GET', '/leaderboard?window=week&limit=100'), player.id)?.total_xp).toBe(9_200);
    const fromSql = await apiWithEnv(DEAD_REDIS, '/leaderboard?window=week&limit=100');
    expect(fromSql.headers.get('X-Leaderboard-Source')).toBe('postgres');
    expect(entryOf(fromSql, player.id)?.total_xp).toBe(9_200);
  });
});

describe('a lost board is rebuilt from Postgres on the next read', () => {
  it('rebuilds an emptied all-time board, with the scores publishing would have written', async () => {
    // A private key prefix: deleting the shared board would pull it from under other test files.
    const env = { REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:${unique('rebuild')}` };
    const key = leaderboardKey(env.REDIS_KEY_PREFIX, 'all', new Date());
    const player = await createUser(handle);
    await earnNow(player, 9_100);
    const [row] = await handle.db.select().from(users).where(eq(users.id, player.id));

    for (const round of ['never written', 'deleted']) {
      if (round === 'deleted') expect(await redis.del(key)).toBe(1);
      expect(await redis.zcard(key), round).toBe(0);
      const res = await apiWithEnv(env, '/leaderboard?limit=100');
      expect(res.status).toBe(200);
      expect(res.headers.get('X-Leaderboard-Source')).toBe('redis');
      expect(entryOf(res, player.id)?.total_xp).toBe(9_100);
      expect(await redis.zscore(key, player.id)).toBe(leaderboardScore(row!.totalXp, row!.xpReachedAt));
      expect(await redis.zcard(key)).toBeGreaterThanOrEqual(res.json.entries.length);
    }
  });
});

describe('a rebuild keeps the awards published while it ran', () => {
  it('a player awarded between the rebuild’s read and its write is on the rebuilt board with the new total', async () => {
    const env = { REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:${unique('race')}` };
    const key = leaderboardKey(env.REDIS_KEY_PREFIX, 'all', new Date());
    const [early, late] = await Promise.all([createUser(handle), createUser(handle)]);
    await earnNow(early, 9_300);
    const snapshot = await readBoard(handle.db, 'all', new Date());
    expect(snapshot.rows.map((r) => r.userId)).toContain(early.id);
    expect(snapshot.rows.map((r) => r.userId)).not.toContain(late.id);

    // The award commits and the consumer publishes it after the read…
    const challenge = await createChallenge(handle, { xp: 9_400 });
    await deliverWithEnv(env, award(await submitAttempt(late.token, challenge.id, 100)));
    expect(await redis.zscore(key, late.id)).not.toBeNull();
    // …and before the write, which replaces the whole board with the older snapshot.
    await writeBoard(handle.db, createLeaderboard(redis, env.REDIS_KEY_PREFIX), snapshot);

    const rows = await handle.db.select().from(users).where(inArray(users.id, [early.id, late.id]));
    for (const row of rows) expect(await redis.zscore(key, row.id), row.username).toBe(leaderboardScore(row.totalXp, row.xpReachedAt));
    const res = await apiWithEnv(env, `/leaderboard/around/${late.id}?radius=1`);
    expect(res.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect(entryOf(res, late.id)).toMatchObject({ total_xp: 9_400, rank: res.json.rank });
  });
});
