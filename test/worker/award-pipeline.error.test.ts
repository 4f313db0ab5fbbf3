import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts, badges, users, xpEvents } from '../../src/db/schema';
import { leaderboardScore } from '../../src/domain/leaderboard-score';
import type { QueueMessage } from '../../src/queue/messages';
import { createRedis } from '../../src/services/redis';
import { leaderboardKey } from '../../src/services/leaderboard/boards';
import { createChallenge, deliver } from './award-helpers';
import { config, createUser, openDb, unique } from './helpers';
import { award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const handle = openDb();
const redis = createRedis(config);
afterAll(() => handle.close());

/** What Redis holds for a player on the all-time board, and what it must hold given Postgres. */
async function boardScore(userId: string) {
  const [user] = await handle.db.select({ xp: users.totalXp, at: users.xpReachedAt }).from(users).where(eq(users.id, userId));
  const actual = await redis.zscore(leaderboardKey(config.REDIS_KEY_PREFIX, 'all', new Date()), userId);
  return { actual, expected: user && user.xp > 0 ? leaderboardScore(user.xp, user.at) : null };
}

describe('exactly once: replays and reordering end in the state of one clean, in-order delivery', () => {
  let badgeIds: string[];
  let challengeId: string;
  beforeAll(async () => {
    const rows = await handle.db
      .insert(badges)
      .values([
        { name: unique('EO xp 190 '), condition: { type: 'xp', threshold: 190 } },
        { name: unique('EO two passes '), condition: { type: 'attempt_count', count: 2 } },
        { name: unique('EO two distinct '), condition: { type: 'attempt_count', count: 2, distinct: true } },
        { name: unique('EO perfect '), condition: { type: 'perfect_scores', count: 1 } },
      ])
      .returning({ id: badges.id });
    badgeIds = rows.map((r) => r.id);
    challengeId = (await createChallenge(handle, { xp: 200 })).id;
  });

  /** A fresh player with two passes on one challenge (80, then 95), delivered as `plan` says. */
  async function scenario(plan: (a80: QueueMessage, a95: QueueMessage) => QueueMessage[][], concurrently = false) {
    const player = await createUser(handle);
    const t = Date.now();
    const first = await insertSubmittedAttempt(handle, { userId: player.id, challengeId, score: 80, submittedAt: new Date(t - 60_000) });
    const second = await insertSubmittedAttempt(handle, { userId: player.id, challengeId, score: 95, submittedAt: new Date(t - 30_000) });
    const batches = plan(award(first), award(second));
    const deliverBatch = async (batch: QueueMessage[]) => {
      const result = await deliver(...batch);
      expect(result.retryMessages).toHaveLength(0);
      expect(result.explicitAcks).toHaveLength(batch.length);
    };
    if (concurrently) await Promise.all(batches.map(deliverBatch));
    else for (const batch of batches) await deliverBatch(batch);
    return { state: await playerState(handle, player.id, badgeIds), board: await boardScore(player.id) };
  }

  it('a duplicate delivery and both delivery orders give the same final state', async () => {
    const clean = await scenario((a, b) => [[a], [b]]);
    // All of it earned now: this week's and this month's totals are the all-time one.
    expect(clean.state).toMatchObject({ totalXp: 190, level: 2, ledgerRows: 2, ledgerXp: 190, xpAwardedSum: 190, unawarded: 0, weekXp: 190, monthXp: 190 });
    expect(clean.state.badges).toEqual([badgeIds[0], badgeIds[1]].sort());
    expect(clean.board.actual).toBe(clean.board.expected);

    const variants = {
      duplicated: await scenario((a, b) => [[a, a], [a], [b], [b, a, b]]),
      reversed: await scenario((a, b) => [[b], [a]]),
      reversedInOneBatch: await scenario((a, b) => [[b, a]]),
      reversedAndReplayed: await scenario((a, b) => [[b, b], [a, b, a]]),
      // Two consumers at once (the queue may run batches in parallel): the per-player lock decides.
      concurrent: await scenario((a, b) => [[b], [a], [a], [b]], true),
    };
    for (const [name, result] of Object.entries(variants)) {
      expect(result.state, name).toEqual(clean.state);
      expect(result.board.actual, name).not.toBeNull();
      expect(result.board.actual, name).toBe(result.board.expected);
    }
  });

  it('a duplicate delivery leaves the attempt rows and the player as the first delivery wrote them', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 150 });
    const passed = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    const failed = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 40 });
    const rows = async () => ({
      attempts: await handle.db.select().from(attempts).where(eq(attempts.userId, player.id)).orderBy(attempts.id),
      player: (await handle.db.select().from(users).where(eq(users.id, player.id)))[0],
    });
    expect((await deliver(award(passed), award(failed))).retryMessages).toHaveLength(0);
    const first = await rows();
    expect(first.attempts.find((a) => a.id === passed)).toMatchObject({ xpAwarded: 150, levelBefore: 1, levelAfter: 2, awardedAt: expect.any(Date) });
    expect(first.attempts.find((a) => a.id === failed)).toMatchObject({ xpAwarded: 0, levelBefore: 2, levelAfter: 2, awardedAt: expect.any(Date) });

    expect((await deliver(award(failed), award(passed))).retryMessages).toHaveLength(0);
    expect((await deliver(award(passed))).retryMessages).toHaveLength(0);
    expect(await rows()).toEqual(first);
  });

  it('no farming: 100 then 100 on one challenge earns challenge.xp once', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 150 });
    const a = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    const b = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    await deliver(award(a), award(b));
    await deliver(award(b), award(a));
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 150, ledgerXp: 150, xpAwardedSum: 150, unawarded: 0 });
  });

  it('a failed attempt awards 0 XP, writes no ledger XP and does not rank the player', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 500 });
    const id = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 69 });
    const result = await deliver(award(id));
    expect(result.explicitAcks).toHaveLength(1);
    const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
    expect(row).toMatchObject({ status: 'failed', xpAwarded: 0, passDay: null });
    expect(row?.awardedAt).not.toBeNull();
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 0, level: 1, ledgerXp: 0, weekXp: 0 });
    expect((await boardScore(player.id)).actual).toBeNull();
    // Nor is it a pass: no tally, no pass day, no best score (streak and attempt_count badges read these).
    const kept = await handle.db.execute(sql`select
      (select count(*) from player_stats where user_id = ${player.id})::int as stats,
      (select count(*) from player_pass_days where user_id = ${player.id})::int as days,
      (select count(*) from player_challenges where user_id = ${player.id})::int as challenges`);
    expect(kept.rows).toEqual([{ stats: 0, days: 0, challenges: 0 }]);
  });

  it('a lower pass after a perfect one keeps the best score: a second 100 is not a new perfect score', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    for (const score of [100, 80, 100]) {
      const id = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score });
      expect((await deliver(award(id))).retryMessages).toHaveLength(0);
    }
    const kept = await handle.db.execute(sql`select
      (select best_score from player_challenges where user_id = ${player.id}) as best,
      (select perfect_scores from player_stats where user_id = ${player.id}) as perfect,
      (select passed_attempts from player_stats where user_id = ${player.id}) as passed`);
    expect(kept.rows).toEqual([{ best: 100, perfect: 1, passed: 3 }]);
  });
});

describe('messages that can never succeed are acked, not retried, and change nothing', () => {
  it.each([
    ['a malformed attempt id', { type: 'award', attemptId: 'not-a-uuid' }],
    ['an unknown type', { type: 'refund', attemptId: crypto.randomUUID() }],
    ['no body', null],
    ['a string', 'award please'],
  ])('%s', async (_, body) => {
    const result = await deliver(body as unknown as QueueMessage);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
  });

  it('an unknown attempt id', async () => {
    const id = crypto.randomUUID();
    const result = await deliver(award(id));
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    expect(await handle.db.select().from(xpEvents).where(eq(xpEvents.attemptId, id))).toHaveLength(0);
  });

  it('an attempt that was started but never submitted', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const [row] = await handle.db.insert(attempts).values({ userId: player.id, challengeId: challenge.id }).returning();
    const [before] = await handle.db.select().from(users).where(eq(users.id, player.id));
    const result = await deliver(award(row!.id));
    expect(result.explicitAcks).toHaveLength(1);
    const [after] = await handle.db.select().from(attempts).where(eq(attempts.id, row!.id));
    expect(after).toEqual(row);
    expect(after).toMatchObject({ status: 'started', xpAwarded: null, awardedAt: null });
    expect((await handle.db.select().from(users).where(eq(users.id, player.id)))[0]).toEqual(before);
    const ledger = await handle.db.execute(sql`select count(*)::int as n from xp_events where user_id = ${player.id}`);
    expect(ledger.rows[0]).toEqual({ n: 0 });
  });
});
