import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, badges, users } from '../../src/db/schema';
import type { SnapshotMessage, UpdateMessage } from '../../src/hub/live-protocol';
import { leaderboardScore } from '../../src/domain/leaderboard-score';
import worker from '../../src/index';
import type { QueueMessage } from '../../src/queue/messages';
import { leaderboardKey } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliver } from './award-helpers';
import { DEAD_REDIS } from './env-helpers';
import { config, createUser, openDb, unique } from './helpers';
import { connectLive } from './live.helpers';
import { award, insertSubmittedAttempt, playerState } from './pipeline-helpers';

const handle = openDb();
const redis = createRedis(config);
afterAll(() => handle.close());

/** Delivers one message to the real consumer with some bindings replaced (here: a dead Redis). */
async function deliverWithEnv(overrides: Partial<Env>, body: QueueMessage) {
  const batch = createMessageBatch<unknown>('awards', [{ id: `retry-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, { ...env, ...overrides }, ctx);
  return getQueueResult(batch, ctx);
}

describe('a failure after commit is retried, and the replay repairs the board without paying twice', () => {
  it('Redis down while publishing: retried; XP committed once; the retry writes the board', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90 });
    const key = leaderboardKey(config.REDIS_KEY_PREFIX, 'all', new Date());

    const failed = await deliverWithEnv(DEAD_REDIS, award(attemptId));
    expect(failed.explicitAcks).toHaveLength(0);
    expect(failed.retryMessages).toHaveLength(1);
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 90, ledgerRows: 1, xpAwardedSum: 90, unawarded: 0 });
    expect(await redis.zscore(key, player.id)).toBeNull();

    const retried = await deliver(award(attemptId));
    expect(retried.explicitAcks).toHaveLength(1);
    expect(await playerState(handle, player.id)).toMatchObject({ totalXp: 90, ledgerRows: 1, xpAwardedSum: 90 });
    const [row] = await handle.db.select().from(users).where(eq(users.id, player.id));
    expect(await redis.zscore(key, player.id)).toBe(leaderboardScore(90, row!.xpReachedAt));
  });

  it('an award whose publish failed is announced to live subscribers on the retry, and only once', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 80 });
    const announcedAt = async () =>
      (await handle.db.select({ at: attempts.announcedAt }).from(attempts).where(eq(attempts.id, attemptId)))[0]?.at ?? null;

    await deliverWithEnv(DEAD_REDIS, award(attemptId));
    expect(await announcedAt()).toBeNull(); // committed, but nobody was told yet

    await deliver(award(attemptId));
    const first = await announcedAt();
    expect(first).toBeInstanceOf(Date);

    await deliver(award(attemptId)); // a duplicate delivery does not announce again
    expect(await announcedAt()).toEqual(first);
  });

  it('the late announcement still carries the award’s level-up and badges, as the first delivery made them', async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({ name: unique('Retry Badge '), condition: { type: 'xp', threshold: 9_000 } })
      .returning();
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 10_000 });
    const attemptId = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 100 });
    expect((await deliverWithEnv(DEAD_REDIS, award(attemptId))).retryMessages).toHaveLength(1); // committed, not announced

    const client = await connectLive('?window=all&size=100');
    try {
      await client.next<SnapshotMessage>((m) => m.type === 'snapshot');
      await deliver(award(attemptId));
      const update = await client.next<UpdateMessage>((m) => m.type === 'update' && m.award.user_id === player.id);
      expect(update).toMatchObject({
        award: { user_id: player.id, xp_awarded: 10_000, total_xp: 10_000, level: 11 },
        level_up: { user_id: player.id, username: player.username, level: 11 },
      });
      expect(update.badges).toContainEqual({ user_id: player.id, username: player.username, badge_id: badge!.id, name: badge!.name });
    } finally {
      client.close();
    }
  });
});
