import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '../../src/db/client';
import { badges, playerChallenges, playerPassDays, playerStats, playerWindowTotals, userBadges, users } from '../../src/db/schema';
import { windowId } from '../../src/domain/leaderboard-window';
import { leaderboardScore } from '../../src/domain/leaderboard-score';
import { leaderboardKey } from '../../src/services/leaderboard/boards';
import { standings } from '../../src/services/leaderboard/standings';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliverWithEnv } from './award-helpers';
import { apiWithEnv } from './env-helpers';
import { config, createUser, errorOf, type TestUser } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

declare module 'vitest' {
  interface ProvidedContext {
    reconcileDatabaseUrl: string; // test/setup/global-setup.ts
  }
}

/**
 * The reconciliation asserts about every player, so these tests own a database (and a Redis key
 * prefix) that no other test file writes: "no difference at all" must mean exactly that.
 */
const PRIVATE: Partial<Env> = {
  DATABASE_URL: inject('reconcileDatabaseUrl'),
  REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:reconcile`,
};
const handle = createDb({ ...config, DATABASE_URL: PRIVATE.DATABASE_URL! });
const redis = createRedis(config);
afterAll(() => handle.close());

let admin: TestUser;
const players: TestUser[] = [];
let easyChallengeId = '';
const badgeIds: Record<'first' | 'hundred' | 'unreachable', string> = { first: '', hundred: '', unreachable: '' };

async function reconcilePages(limit: number) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const query: string = `/admin/reconcile?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await apiWithEnv(PRIVATE, query, { headers: { Authorization: `Bearer ${admin.token}` } });
    expect(res.status, res.text).toBe(200);
    pages.push(res.json);
    cursor = res.json.next_cursor;
  } while (cursor);
  return {
    pages,
    checkedPlayers: pages.reduce((n, page) => n + page.checked_players, 0),
    differences: pages.flatMap((page) => page.differences),
  };
}

beforeAll(async () => {
  admin = await createUser(handle, 'admin');
  for (let i = 0; i < 4; i++) players.push(await createUser(handle));
  const inserted = await handle.db
    .insert(badges)
    .values([
      { name: 'First pass', condition: { type: 'attempt_count', count: 1 } },
      { name: 'Hundred', condition: { type: 'xp', threshold: 100 } },
      { name: 'Unreachable', condition: { type: 'xp', threshold: 1_000_000 } },
    ])
    .returning({ id: badges.id, name: badges.name });
  badgeIds.first = inserted.find((b) => b.name === 'First pass')!.id;
  badgeIds.hundred = inserted.find((b) => b.name === 'Hundred')!.id;
  badgeIds.unreachable = inserted.find((b) => b.name === 'Unreachable')!.id;

  // Awards through the real consumer, with duplicate deliveries (one batch holding the same message twice).
  const [p0, p1, p2] = players;
  const easy = await createChallenge(handle, { xp: 100 });
  easyChallengeId = easy.id;
  const hard = await createChallenge(handle, { xp: 300, difficulty: 'hard' });
  const a = await insertSubmittedAttempt(handle, { userId: p0!.id, challengeId: easy.id, score: 100 });
  const b = await insertSubmittedAttempt(handle, { userId: p0!.id, challengeId: hard.id, score: 80 });
  const c = await insertSubmittedAttempt(handle, { userId: p1!.id, challengeId: easy.id, score: 75 });
  const d = await insertSubmittedAttempt(handle, { userId: p2!.id, challengeId: easy.id, score: 40 }); // failed
  await deliverWithEnv(PRIVATE, award(a), award(a));
  await deliverWithEnv(PRIVATE, award(b), award(c), award(d));
  await deliverWithEnv(PRIVATE, award(b), award(c));
  // A badge earned once and no longer met is not a difference: badges are never taken away.
  await handle.db.insert(userBadges).values({ userId: p2!.id, badgeId: badgeIds.unreachable });
});

describe('GET /admin/reconcile', () => {
  it('after awards with duplicate deliveries: every player checked, page by page, and no difference', async () => {
    const { pages, checkedPlayers, differences } = await reconcilePages(2);
    expect(differences).toEqual([]);
    expect(checkedPlayers).toBe(1 + players.length);
    expect(pages.length).toBe(3);
    expect(pages.every((page) => page.ok && page.differences_total === 0)).toBe(true);
    expect(pages[0].checks).toEqual([
      'xp_total', 'level', 'player_window_totals', 'player_challenges', 'player_pass_days', 'player_stats', 'leaderboard', 'badges',
    ]);
    expect(pages.at(-1).next_cursor).toBeNull();
    // The awards did land: the check compared something.
    const [p0] = await handle.db.select().from(users).where(eq(users.id, players[0]!.id));
    expect(p0).toMatchObject({ totalXp: 340, level: 2 });
  });

  it('reports each difference made on purpose, then recalc-xp repairs them and the next pass is clean', async () => {
    const [p0, p1, p2, p3] = players as [TestUser, TestUser, TestUser, TestUser];
    const now = new Date();
    const key = (window: 'all' | 'week') => leaderboardKey(PRIVATE.REDIS_KEY_PREFIX!, window, now);
    const [p1Week] = await standings(handle.db, 'week', now, { userId: p1.id });

    await handle.db.update(users).set({ totalXp: 345 }).where(eq(users.id, p0.id)); // same level, wrong total
    await handle.db.update(users).set({ level: 7 }).where(eq(users.id, p2.id));
    await redis.zrem(key('week'), p1.id);
    await handle.db.delete(userBadges).where(and(eq(userBadges.userId, p0.id), eq(userBadges.badgeId, badgeIds.hundred)));
    const stranger = crypto.randomUUID();
    await redis.zadd(key('all'), { score: leaderboardScore(5, now), member: stranger });

    // What the award keeps: a tally, a pass day, a challenge's best score and a month's total.
    const monthId = windowId('month', now);
    const [p0Day] = await handle.db.select().from(playerPassDays).where(eq(playerPassDays.userId, p0.id));
    await handle.db.update(playerStats).set({ passedAttempts: 2 }).where(eq(playerStats.userId, p1.id));
    await handle.db.delete(playerPassDays).where(eq(playerPassDays.userId, p0.id));
    await handle.db.update(playerChallenges).set({ bestScore: 99 }).where(and(eq(playerChallenges.userId, p0.id), eq(playerChallenges.challengeId, easyChallengeId)));
    await handle.db.update(playerWindowTotals).set({ xp: 341 }).where(and(eq(playerWindowTotals.userId, p0.id), eq(playerWindowTotals.windowId, monthId)));

    const { differences } = await reconcilePages(500);
    const [p0Row] = await handle.db.select().from(users).where(eq(users.id, p0.id));
    const allScore = (xp: number) => leaderboardScore(xp, p0Row!.xpReachedAt);
    const weekScore = leaderboardScore(p1Week!.xp, p1Week!.reachedAt);
    const [p0Month] = await standings(handle.db, 'month', now, { userId: p0.id });
    const monthScore = (xp: number) => leaderboardScore(xp, p0Month!.reachedAt);
    expect(differences).toHaveLength(11);
    expect(differences).toEqual(
      expect.arrayContaining([
        { check: 'xp_total', user_id: p0.id, expected: 340, actual: 345 },
        // The all-time board follows users.total_xp, so the broken total shows there too.
        { check: 'leaderboard', user_id: p0.id, expected: { window: 'all', xp: 345, score: allScore(345) }, actual: { window: 'all', xp: 340, score: allScore(340) } },
        { check: 'level', user_id: p2.id, expected: 1, actual: 7 },
        { check: 'leaderboard', user_id: p1.id, expected: { window: 'week', xp: 75, score: weekScore }, actual: { window: 'week', xp: null, score: null } },
        { check: 'badges', user_id: p0.id, expected: { badge_id: badgeIds.hundred, name: 'Hundred', earned: true }, actual: { badge_id: badgeIds.hundred, name: 'Hundred', earned: false } },
        { check: 'leaderboard', expected: { window: 'all', members: 2 }, actual: { window: 'all', members: 3 } },
        { check: 'player_stats', user_id: p1.id, expected: expect.objectContaining({ passed_attempts: 1 }), actual: expect.objectContaining({ passed_attempts: 2 }) },
        { check: 'player_pass_days', user_id: p0.id, expected: { day: p0Day!.day }, actual: null },
        {
          check: 'player_challenges',
          user_id: p0.id,
          expected: expect.objectContaining({ challenge_id: easyChallengeId, best_score: 100 }),
          actual: expect.objectContaining({ challenge_id: easyChallengeId, best_score: 99 }),
        },
        { check: 'player_window_totals', user_id: p0.id, expected: expect.objectContaining({ window_id: monthId, xp: 340 }), actual: expect.objectContaining({ window_id: monthId, xp: 341 }) },
        // The month's standing is the kept total, so the board disagrees with it too.
        { check: 'leaderboard', user_id: p0.id, expected: { window: 'month', xp: 341, score: monthScore(341) }, actual: { window: 'month', xp: 340, score: monthScore(340) } },
      ]),
    );
    expect(differences.some((d) => d.user_id === p3.id)).toBe(false);

    // The repair: one recalc batch covers this small database, then the boards are rebuilt.
    const started = await apiWithEnv(PRIVATE, '/admin/recalc-xp', { method: 'POST', headers: { Authorization: `Bearer ${admin.token}` } });
    expect(started.status).toBe(202);
    await deliverWithEnv(PRIVATE, { type: 'recalc_xp', jobId: started.json.id });
    const after = await reconcilePages(500);
    expect(after.differences).toEqual([]);
  });

  it('rejects a cursor it did not issue and a page size out of range (422 naming the field)', async () => {
    const auth = { headers: { Authorization: `Bearer ${admin.token}` } };
    const forged = btoa(JSON.stringify({ after: 'x', at: 'yesterday', carry: {} }));
    for (const query of [`cursor=${forged}`, 'cursor=%%%', 'limit=0', 'limit=1001', 'limit=ten']) {
      const res = await apiWithEnv(PRIVATE, `/admin/reconcile?${query}`, auth);
      expect(res.status, query).toBe(422);
      expect(JSON.stringify(errorOf(res).details), query).toMatch(/cursor|limit/);
    }
  });
});
