import fc from 'fast-check';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { xpFromScore } from '../../src/domain/leaderboard-score';
import { levelForXp } from '../../src/domain/levels';
import { xpForScore } from '../../src/domain/xp';
import { createLeaderboard, leaderboardKey } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { standings } from '../../src/services/leaderboard/standings';
import { rebuildPlayerStats } from '../../src/awards/rebuild-player-stats';
import { createChallenge, deliver } from './award-helpers';
import { keptAndRecomputed } from './kept-stats';
import { config, createUser, openDb } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

const handle = openDb();
const redis = createRedis(config);
const leaderboard = createLeaderboard(redis, config.REDIS_KEY_PREFIX);
afterAll(() => handle.close());

const MAX_ATTEMPTS = 10;
// Submissions over four days around New York's spring-forward (2026-03-08), in three timezones: pass days
// differ per zone, and out-of-order deliveries fill in older days (the streak's recount path).
const FIRST_SUBMISSION = Date.UTC(2026, 2, 6);
const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/New_York'] as const;
const CHALLENGE_KINDS = [
  { difficulty: 'easy', tags: ['sql'] },
  { difficulty: 'hard', tags: ['sql', 'joins'] },
  { difficulty: 'medium', tags: [] },
] as const;
const workload = fc.record({
  players: fc.integer({ min: 2, max: 4 }),
  zones: fc.array(fc.constantFrom(...ZONES), { minLength: 4, maxLength: 4 }),
  challengeXp: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 2, maxLength: 3 }),
  attempts: fc.array(
    fc.record({
      player: fc.nat(),
      challenge: fc.nat(),
      // Plenty of scores right at the threshold and of perfect ones, and mostly passes (for streaks).
      score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(69, 70, 100), fc.integer({ min: 70, max: 100 })),
      copies: fc.integer({ min: 1, max: 3 }),
      hoursAfterFirst: fc.integer({ min: 0, max: 4 * 24 - 1 }),
    }),
    { minLength: 1, maxLength: MAX_ATTEMPTS },
  ),
  // A sort key per delivery (at most 3 per attempt) gives a random delivery order.
  order: fc.array(fc.nat(), { minLength: 3 * MAX_ATTEMPTS, maxLength: 3 * MAX_ATTEMPTS }),
  batchSize: fc.integer({ min: 1, max: 8 }),
});
type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

async function run(w: Workload) {
  const players = await Promise.all(Array.from({ length: w.players }, (_, i) => createUser(handle, 'player', w.zones[i])));
  const challenges = await Promise.all(
    w.challengeXp.map((xp, i) => {
      const kind = CHALLENGE_KINDS[i % CHALLENGE_KINDS.length]!;
      return createChallenge(handle, { xp, difficulty: kind.difficulty, tags: [...kind.tags] });
    }),
  );
  const submitted: { attemptId: string; playerId: string; challengeId: string; xp: number; score: number; copies: number }[] = [];
  for (const a of w.attempts) {
    const player = players[a.player % players.length]!;
    const challenge = challenges[a.challenge % challenges.length]!;
    const submittedAt = new Date(FIRST_SUBMISSION + a.hoursAfterFirst * 3_600_000);
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: a.score, submittedAt });
    submitted.push({ attemptId, playerId: player.id, challengeId: challenge.id, xp: challenge.xp, score: a.score, copies: a.copies });
  }
  const deliveries = submitted
    .flatMap((s) => Array.from({ length: s.copies }, () => award(s.attemptId)))
    .map((message, i) => ({ message, key: w.order[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((d) => d.message);
  for (let i = 0; i < deliveries.length; i += w.batchSize) {
    const result = await deliver(...deliveries.slice(i, i + w.batchSize));
    expect(result.retryMessages).toHaveLength(0);
  }
  return { playerIds: players.map((p) => p.id), submitted };
}

async function checkInvariants({ playerIds, submitted }: Awaited<ReturnType<typeof run>>) {
  const rows = await handle.db.select({ id: users.id, totalXp: users.totalXp, level: users.level }).from(users).where(inArray(users.id, playerIds));
  const ledger = await handle.db.execute(sql`
    select user_id, challenge_id, sum(xp)::int as xp from xp_events
    where ${inArray(sql`user_id`, playerIds)} group by user_id, challenge_id`);
  const pending = await handle.db.execute(sql`
    select count(*)::int as n from attempts where ${inArray(sql`user_id`, playerIds)} and awarded_at is null`);
  expect(pending.rows[0]).toEqual({ n: 0 });

  const ledgerOf = (userId: string, challengeId: string) =>
    (ledger.rows as { user_id: string; challenge_id: string; xp: number }[]).find((r) => r.user_id === userId && r.challenge_id === challengeId)?.xp ?? 0;
  for (const user of rows) {
    const mine = (ledger.rows as { user_id: string; xp: number }[]).filter((r) => r.user_id === user.id);
    expect(user.totalXp).toBe(mine.reduce((sum, r) => sum + r.xp, 0));
    expect(user.level).toBe(levelForXp(user.totalXp));
    // Per challenge: never above challenge.xp, and exactly what the best passing score is worth.
    for (const challengeId of new Set(submitted.filter((s) => s.playerId === user.id).map((s) => s.challengeId))) {
      const tries = submitted.filter((s) => s.playerId === user.id && s.challengeId === challengeId);
      const best = Math.max(...tries.map((s) => xpForScore(s.xp, s.score, config.PASS_THRESHOLD)));
      expect(ledgerOf(user.id, challengeId)).toBeLessThanOrEqual(tries[0]!.xp);
      expect(ledgerOf(user.id, challengeId)).toBe(best);
    }
  }

  // The Redis board holds the same totals and ranks the run's players in the SQL order.
  const now = new Date();
  const key = leaderboardKey(config.REDIS_KEY_PREFIX, 'all', now);
  const sqlOrder = (await standings(handle.db, 'all', now)).map((s) => s.userId).filter((id) => playerIds.includes(id));
  const ranked: { id: string; rank: number }[] = [];
  for (const user of rows) {
    const rank = await leaderboard.rank('all', user.id, now);
    const score = await redis.zscore(key, user.id);
    if (user.totalXp === 0) {
      expect(rank).toBeNull();
      continue;
    }
    expect(rank).not.toBeNull();
    expect(xpFromScore(Number(score))).toBe(user.totalXp);
    ranked.push({ id: user.id, rank: rank! });
  }
  expect(ranked.sort((a, b) => a.rank - b.rank).map((r) => r.id)).toEqual(sqlOrder);
}

/** The week and month boards rank the run's players as the SQL standings (player_window_totals) do. */
async function checkWindowBoards(playerIds: string[]) {
  const now = new Date();
  for (const window of ['week', 'month'] as const) {
    const sqlRows = (await standings(handle.db, window, now)).filter((s) => playerIds.includes(s.userId));
    const ranked: { id: string; rank: number; xp: number }[] = [];
    for (const id of playerIds) {
      const rank = await leaderboard.rank(window, id, now);
      if (rank !== null) ranked.push({ id, rank, xp: xpFromScore(Number(await redis.zscore(leaderboardKey(config.REDIS_KEY_PREFIX, window, now), id))) });
    }
    ranked.sort((a, b) => a.rank - b.rank);
    expect(ranked.map((r) => [r.id, r.xp]), window).toEqual(sqlRows.map((s) => [s.userId, s.xp]));
  }
}

/** What the award keeps equals a recomputation from scratch, and the recalc job's rebuild changes none of it. */
async function checkKeptStats(playerIds: string[]) {
  const { kept, recomputed } = await keptAndRecomputed(handle, playerIds);
  expect(kept).toEqual(recomputed);
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select id from users where ${inArray(sql`id`, playerIds)} order by id for update`);
    await rebuildPlayerStats(tx, playerIds);
  });
  expect((await keptAndRecomputed(handle, playerIds)).kept).toEqual(kept);
}

describe('the award pipeline under random workloads, replays and delivery orders', () => {
  it('keeps the ledger, totals, levels, per-challenge caps and the Redis order consistent', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(workload, async (w) => {
        const result = await run(w);
        await checkInvariants(result);
        await checkWindowBoards(result.playerIds);
        await checkKeptStats(result.playerIds);
      }),
      { numRuns: 10, endOnFailure: true },
    );
  });
});
