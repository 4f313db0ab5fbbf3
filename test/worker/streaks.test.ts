import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badges, userBadges } from '../../src/db/schema';
import { playerSnapshot } from '../../src/services/player-stats';
import { createChallenge, deliver } from './award-helpers';
import { createUser, openDb, unique } from './helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

let streakBadge: string;
let challengeIds: string[];
beforeAll(async () => {
  const [badge] = await handle.db
    .insert(badges)
    .values({ name: unique('Three days '), condition: { type: 'consecutive_days', days: 3 } })
    .returning({ id: badges.id });
  streakBadge = badge!.id;
  challengeIds = await Promise.all([1, 2, 3].map(async () => (await createChallenge(handle)).id));
});

/**
 * A player in `timezone` who passed once at each instant. The passes are written already submitted
 * at those (past) instants, then awarded: the badge is decided from the stored submit times.
 */
async function passesAt(timezone: string, instants: string[]) {
  const player = await createUser(handle, 'player', timezone);
  const ids: string[] = [];
  for (const [i, at] of instants.entries()) {
    ids.push(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challengeIds[i % 3]!, score: 90, submittedAt: new Date(at) }));
  }
  const result = await deliver(...ids.map(award));
  expect(result.retryMessages).toHaveLength(0);
  const earned = await handle.db
    .select()
    .from(userBadges)
    .where(and(eq(userBadges.userId, player.id), eq(userBadges.badgeId, streakBadge)));
  const snapshot = await playerSnapshot(handle.db, player.id);
  return { hasBadge: earned.length === 1, longest: snapshot?.stats.streakDays };
}

describe('consecutive_days counts calendar days in the player’s own timezone', () => {
  // Local (UTC+14): 01-10 23:00, 01-11 01:00, 01-12 00:30. In UTC: 01-10, 01-10, 01-11.
  const kiritimati = ['2026-01-10T09:00:00Z', '2026-01-10T11:00:00Z', '2026-01-11T10:30:00Z'];
  // Local (UTC−11): 01-10 01:00, 01-10 23:00, 01-12 01:00. In UTC: 01-10, 01-11, 01-12.
  const pagoPago = ['2026-01-10T12:00:00Z', '2026-01-11T10:00:00Z', '2026-01-12T12:00:00Z'];

  it('Pacific/Kiritimati: 3 local days in a row (only 2 UTC days) earns the badge', async () => {
    expect(await passesAt('Pacific/Kiritimati', kiritimati)).toEqual({ hasBadge: true, longest: 3 });
  });

  it('the same instants for a UTC player are 2 days: no badge', async () => {
    expect(await passesAt('UTC', kiritimati)).toEqual({ hasBadge: false, longest: 2 });
  });

  it('Pacific/Pago_Pago: 3 UTC days in a row are not 3 local days: no badge', async () => {
    expect(await passesAt('Pacific/Pago_Pago', pagoPago)).toEqual({ hasBadge: false, longest: 1 });
  });

  it('the same instants for a UTC player are 3 days: badge', async () => {
    expect(await passesAt('UTC', pagoPago)).toEqual({ hasBadge: true, longest: 3 });
  });
});

describe('a streak across a DST change (America/New_York springs forward on 2026-03-08)', () => {
  it('passes at local 23:30 on 03-07 (EST), 03-08 and 03-09 (EDT) are a 3-day streak', async () => {
    const instants = ['2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z'];
    expect(await passesAt('America/New_York', instants)).toEqual({ hasBadge: true, longest: 3 });
  });

  it('local 23:30 on 03-07, 03-08 and 03-10 is broken by the missing day', async () => {
    const instants = ['2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-11T03:30:00Z'];
    expect(await passesAt('America/New_York', instants)).toEqual({ hasBadge: false, longest: 2 });
  });

  it('Europe/Berlin falls back on 2026-10-25: local 00:30 on 10-24, 10-25 and 10-26 is 3 days', async () => {
    // 00:30 CEST = 22:30Z the day before; 00:30 CET = 23:30Z the day before.
    const instants = ['2026-10-23T22:30:00Z', '2026-10-24T22:30:00Z', '2026-10-25T23:30:00Z'];
    expect(await passesAt('Europe/Berlin', instants)).toEqual({ hasBadge: true, longest: 3 });
  });
});
