import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, userBadges, users, xpEvents } from '../../src/db/schema';
import { createLeaderboard } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { api, config, createUser, openDb, unique } from './helpers';

const handle = openDb();
const leaderboard = createLeaderboard(createRedis(config), config.REDIS_KEY_PREFIX);
afterAll(() => handle.close());

describe('the award pipeline: submit → queue → XP, level, badges, boards', () => {
  let badgeId: string;
  beforeAll(async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({ name: unique('Big XP '), condition: { type: 'xp', threshold: 150 } })
      .returning();
    badgeId = badge!.id;
  });

  it('awards round(xp × score / 100), levels up, grants a badge and ranks the player', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 200 });
    const attemptId = await submitAttempt(player.token, challenge.id, 85);

    const before = await api('GET', `/attempts/${attemptId}`, { token: player.token });
    expect(before.json).toMatchObject({ status: 'passed', score: 85 });

    const result = await deliver({ type: 'award', attemptId });
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);

    const after = await api('GET', `/attempts/${attemptId}`, { token: player.token });
    expect(after.json.xp_awarded).toBe(170);
    expect(after.json.awarded_at).not.toBeNull();

    const [user] = await handle.db.select().from(users).where(eq(users.id, player.id));
    expect(user).toMatchObject({ totalXp: 170, level: 2 });
    const earned = await handle.db.select().from(userBadges).where(eq(userBadges.userId, player.id));
    expect(earned.map((b) => b.badgeId)).toContain(badgeId);
    expect(await leaderboard.rank('all', player.id, new Date())).not.toBeNull();
  });

  it('a duplicate delivery changes nothing', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, { xp: 100 });
    const attemptId = await submitAttempt(player.token, challenge.id, 100);
    await deliver({ type: 'award', attemptId });
    await deliver({ type: 'award', attemptId }, { type: 'award', attemptId });

    const ledger = await handle.db.select().from(xpEvents).where(eq(xpEvents.userId, player.id));
    expect(ledger).toHaveLength(1);
    const [user] = await handle.db.select({ totalXp: users.totalXp }).from(users).where(eq(users.id, player.id));
    expect(user?.totalXp).toBe(100);
    const [{ n }] = (await handle.db.execute(sql`select count(*)::int as n from user_badges where user_id = ${player.id}`)).rows as [{ n: number }];
    const again = await deliver({ type: 'award', attemptId });
    expect(again.explicitAcks).toHaveLength(1);
    const [{ m }] = (await handle.db.execute(sql`select count(*)::int as m from user_badges where user_id = ${player.id}`)).rows as [{ m: number }];
    expect(m).toBe(n);
  });
});
