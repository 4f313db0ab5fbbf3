import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKFILL_BATCH_SIZE } from '../../src/awards/badge-backfill';
import { badges, userBadges } from '../../src/db/schema';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { createUser, openDb, unique, type TestUser } from './helpers';
import { award } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

/**
 * Delivers the backfill and every continuation, as the queue would: the consumer handles a batch of
 * users by id and enqueues the next one from the last id it saw. The next start is read back here
 * (users created meanwhile can only make a batch overlap the previous one, never skip anyone).
 */
async function backfillAll(badgeId: string) {
  let afterUserId: string | undefined;
  for (let batches = 1; ; batches++) {
    const result = await deliver({ type: 'badge_backfill', badgeId, ...(afterUserId ? { afterUserId } : {}) });
    expect(result.retryMessages).toHaveLength(0);
    expect(result.explicitAcks).toHaveLength(1);
    const next = await handle.db.execute(sql`
      select id from users ${afterUserId ? sql`where id > ${afterUserId}` : sql``}
      order by id offset ${BACKFILL_BATCH_SIZE - 1} limit 1`);
    const last = (next.rows[0] as { id: string } | undefined)?.id;
    if (!last) return batches;
    afterUserId = last;
  }
}

async function holders(badgeId: string) {
  return handle.db
    .select({ userId: userBadges.userId, awardedAt: userBadges.awardedAt, metadata: userBadges.metadata })
    .from(userBadges)
    .where(eq(userBadges.badgeId, badgeId))
    .orderBy(userBadges.userId);
}

async function passes(player: TestUser, count: number, values: Parameters<typeof createChallenge>[1] = {}) {
  for (let i = 0; i < count; i++) {
    const challenge = await createChallenge(handle, values);
    await deliver(award(await submitAttempt(player.token, challenge.id, 90)));
  }
}

describe('a badge created later is granted to everyone who already qualifies', () => {
  let twice: TestUser;
  let thrice: TestUser;
  let once: TestUser;
  let never: TestUser;
  beforeAll(async () => {
    [twice, thrice, once, never] = (await Promise.all([1, 2, 3, 4].map(() => createUser(handle)))) as [TestUser, TestUser, TestUser, TestUser];
    await passes(twice, 2);
    await passes(thrice, 2, { difficulty: 'hard' });
    await passes(thrice, 1);
    await passes(once, 1, { difficulty: 'hard' });
  });

  it('grants an attempt_count badge to the qualifying players only; a second backfill changes nothing', { timeout: 120_000 }, async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({ name: unique('Backfilled two passes '), condition: { type: 'attempt_count', count: 2 } })
      .returning({ id: badges.id });
    const mine = <T extends { userId: string }>(rows: T[]) => rows.filter((r) => [twice, thrice, once, never].some((p) => p.id === r.userId));
    expect(mine(await holders(badge!.id))).toEqual([]);

    await backfillAll(badge!.id);
    const granted = mine(await holders(badge!.id));
    expect(granted.map((r) => r.userId).sort()).toEqual([twice.id, thrice.id].sort());
    for (const row of granted) expect(row.metadata).toEqual({ backfill: true });

    const allBefore = await holders(badge!.id);
    await backfillAll(badge!.id);
    const allAfter = await holders(badge!.id);
    // Players of other test files may qualify meanwhile; nobody already holding it is touched.
    for (const row of allBefore) expect(allAfter).toContainEqual(row);
    expect(mine(allAfter)).toEqual(granted);
  });

  it('evaluates composite conditions the same way the award does', { timeout: 120_000 }, async () => {
    const [badge] = await handle.db
      .insert(badges)
      .values({
        name: unique('Backfilled hard pair '),
        condition: { type: 'all', of: [{ type: 'difficulty_count', difficulty: 'hard', count: 2 }, { type: 'xp', threshold: 200 }] },
      })
      .returning({ id: badges.id });
    await backfillAll(badge!.id);
    const ids = (await holders(badge!.id)).map((r) => r.userId);
    expect(ids).toContain(thrice.id);
    for (const player of [twice, once, never]) expect(ids).not.toContain(player.id);
  });

  it('a backfill for a badge deleted meanwhile is acked and grants nothing', async () => {
    const badgeId = crypto.randomUUID();
    const result = await deliver({ type: 'badge_backfill', badgeId });
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    expect(await holders(badgeId)).toEqual([]);
  });
});
