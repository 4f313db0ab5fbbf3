import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildPlayerStats } from '../../src/awards/rebuild-player-stats';
import { badges, userBadges } from '../../src/db/schema';
import { playerSnapshot } from '../../src/services/player-stats';
import { createChallenge, deliver } from './award-helpers';
import { api, createUser, openDb, unique, type TestUser } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

let threeDays: string;
beforeAll(async () => {
  const [badge] = await handle.db
    .insert(badges)
    .values({ name: unique('Kept three days '), condition: { type: 'consecutive_days', days: 3 } })
    .returning({ id: badges.id });
  threeDays = badge!.id;
});

async function passAt(player: TestUser, at: string) {
  const challenge = await createChallenge(handle);
  const id = await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90, submittedAt: new Date(at) });
  expect((await deliver(award(id))).retryMessages).toHaveLength(0);
  return id;
}

const longest = async (player: TestUser) => (await playerSnapshot(handle.db, player.id))?.stats.streakDays;
const hasBadge = async (player: TestUser) =>
  (await handle.db.select().from(userBadges).where(and(eq(userBadges.userId, player.id), eq(userBadges.badgeId, threeDays)))).length === 1;

/** The recalc job's rebuild for one player (the players are locked, as the job locks them). */
async function rebuild(player: TestUser) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`select id from users where id = ${player.id} for update`);
    await rebuildPlayerStats(tx, [player.id]);
  });
}

describe('a timezone change: past pass days stay as they were counted, new days count in the new zone', () => {
  it('a UTC pass late on 01-10, then a pass on 01-11 in Kiritimati (UTC+14), are two days in a row', async () => {
    const player = await createUser(handle);
    await passAt(player, '2026-01-10T23:30:00Z'); // 01-10 in UTC (it would be 01-11 13:30 in Kiritimati)
    const patched = await api('PATCH', '/auth/me', { token: player.token, body: { timezone: 'Pacific/Kiritimati' } });
    expect(patched.status).toBe(200);
    await passAt(player, '2026-01-11T09:00:00Z'); // 01-11 23:00 in Kiritimati
    expect(await longest(player)).toBe(2);

    // The recalc job keeps the recorded days instead of recounting them in the new zone (which would be one day).
    await rebuild(player);
    expect(await longest(player)).toBe(2);
    const days = await handle.db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day from player_pass_days where user_id = ${player.id} order by day`);
    expect(days.rows).toEqual([{ day: '2026-01-10' }, { day: '2026-01-11' }]);
  });
});

describe('out-of-order delivery: a late award filling an older day recounts the streak', () => {
  it('passes on 03-01 and 03-03 first, then the 03-02 one: a 3-day run, and the badge with the late award', async () => {
    const player = await createUser(handle);
    await passAt(player, '2026-03-01T12:00:00Z');
    await passAt(player, '2026-03-03T12:00:00Z');
    expect([await longest(player), await hasBadge(player)]).toEqual([1, false]);

    const late = await passAt(player, '2026-03-02T12:00:00Z');
    expect([await longest(player), await hasBadge(player)]).toEqual([3, true]);
    const [grant] = await handle.db.select().from(userBadges).where(and(eq(userBadges.userId, player.id), eq(userBadges.badgeId, threeDays)));
    expect(grant?.metadata).toMatchObject({ attempt_id: late });
    const stats = await handle.db.execute(sql`
      select current_streak, longest_streak, to_char(last_pass_day, 'YYYY-MM-DD') as last_pass_day from player_stats where user_id = ${player.id}`);
    expect(stats.rows).toEqual([{ current_streak: 3, longest_streak: 3, last_pass_day: '2026-03-03' }]);
  });
});
