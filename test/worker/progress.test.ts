import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { badges, challenges } from '../../src/db/schema';
import { createChallenge, deliver, submitAttempt } from './award-helpers';
import { api, config, createUser, expectError, openDb, unique, type TestUser } from './helpers';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';
import { award, insertSubmittedAttempt } from './pipeline-helpers';
import { inQuietWindow } from './quiet-window';

const handle = openDb();
afterAll(() => handle.close());

let player: TestUser;
let earnedBadge: string;
let perfectBadge: string;
let distinctBadge: string;
let titles: Record<string, string>;
let attemptIds: string[];

beforeAll(async () => {
  const rows = await handle.db
    .insert(badges)
    .values([
      { name: unique('Progress two passes '), condition: { type: 'attempt_count', count: 2 } },
      { name: unique('Progress three perfect '), condition: { type: 'perfect_scores', count: 3 } },
      { name: unique('Progress five distinct '), condition: { type: 'attempt_count', count: 5, distinct: true } },
    ])
    .returning({ id: badges.id });
  [earnedBadge, perfectBadge, distinctBadge] = rows.map((r) => r.id) as [string, string, string];

  player = await createUser(handle);
  const hard = await createChallenge(handle, { xp: 150 });
  const easy = await createChallenge(handle, { xp: 100 });
  titles = { [hard.id]: hard.title, [easy.id]: easy.title };
  // 150 (perfect) + 80 = 230 XP, then a failed try: level 2 (100…399).
  attemptIds = [await submitAttempt(player.token, hard.id, 100), await submitAttempt(player.token, easy.id, 80), await submitAttempt(player.token, easy.id, 40)];
  expect((await deliver(...attemptIds.map(award))).retryMessages).toHaveLength(0);
});

describe('GET /users/{id}/progress', () => {
  it('shows XP, level progress, rank, streak and recent attempts', async () => {
    // Others keep earning meanwhile (never losing XP), so the rank can only grow between these reads.
    const before = (await api('GET', `/leaderboard/around/${player.id}`)).json.rank as number;
    const res = await api('GET', `/users/${player.id}/progress`, { token: player.token }); // their own view
    const after = (await api('GET', `/leaderboard/around/${player.id}`)).json.rank as number;
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      user_id: player.id,
      username: player.username,
      total_xp: 230,
      level: 2,
      xp_into_level: 130,
      xp_to_next_level: 170,
      next_level_xp: 400,
      streak_days: 1,
    });
    expect(res.json.rank).toEqual(expect.any(Number));
    expect(res.json.rank).toBeGreaterThanOrEqual(before);
    expect(res.json.rank).toBeLessThanOrEqual(after);

    expect(res.json.recent_attempts.map((a: { id: string }) => a.id)).toEqual([...attemptIds].reverse());
    const [failed, passed, perfect] = res.json.recent_attempts;
    expect(failed).toMatchObject({ status: 'failed', score: 40, xp_awarded: 0, challenge_title: titles[failed.challenge_id] });
    expect(passed).toMatchObject({ status: 'passed', score: 80, xp_awarded: 80 });
    expect(perfect).toMatchObject({ status: 'passed', score: 100, xp_awarded: 150, challenge_title: titles[perfect.challenge_id] });
  });

  it('shows another viewer only submitted attempts on visible challenges, without scores', async () => {
    const other = await createUser(handle);
    const open = await createChallenge(handle, { xp: 60 });
    const retired = await createChallenge(handle, { xp: 70 });
    const shown = await submitAttempt(other.token, open.id, 90);
    const hidden = await submitAttempt(other.token, retired.id, 95);
    const started = await api('POST', '/attempts', { token: other.token, body: { challenge_id: open.id } });
    expect((await deliver(award(shown), award(hidden))).retryMessages).toHaveLength(0);
    await handle.db.update(challenges).set({ published: false }).where(eq(challenges.id, retired.id));

    const anonymous = (await api('GET', `/users/${other.id}/progress`)).json.recent_attempts;
    expect(anonymous).toEqual([expect.objectContaining({ id: shown, status: 'passed', score: null, xp_awarded: 54 })]);
    const own = (await api('GET', `/users/${other.id}/progress`, { token: other.token })).json.recent_attempts;
    expect(own.map((a: { id: string }) => a.id)).toEqual([started.json.id, hidden, shown]);
    expect(own[2]).toMatchObject({ score: 90 });
  });

  it('lists earned badges, and progress toward each unearned one', async () => {
    const { json } = await api('GET', `/users/${player.id}/progress`);
    expect(json.badges).toContainEqual({ id: earnedBadge, name: expect.any(String), icon_url: null, awarded_at: expect.any(String) });
    const progressOf = (id: string) => json.badge_progress.find((b: { badge_id: string }) => b.badge_id === id);
    expect(progressOf(perfectBadge)).toMatchObject({ current: 1, target: 3 });
    expect(progressOf(distinctBadge)).toMatchObject({ current: 2, target: 5 });
    expect(progressOf(earnedBadge)).toBeUndefined();
  });

  it('the rank is the player’s place in Postgres’s standings', async () => {
    // Written straight to SQL by other files, some totals never reach the shared Redis board; a key prefix
    // of its own makes each request rebuild the board from Postgres, whose order is counted here in SQL.
    const sqlRank = async () => {
      const { rows } = await handle.db.execute(sql`
        select count(*)::int + 1 as rank from users o, users me
        where me.id = ${player.id} and o.total_xp > 0 and (o.total_xp > me.total_xp or (o.total_xp = me.total_xp and (
          date_trunc('second', o.xp_reached_at) < date_trunc('second', me.xp_reached_at)
          or (date_trunc('second', o.xp_reached_at) = date_trunc('second', me.xp_reached_at) and o.id > me.id))))`);
      return (rows[0] as { rank: number }).rank;
    };
    const progressRank = async () => {
      const res = await apiWithEnv({ REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:${unique('rank')}` }, `/users/${player.id}/progress`);
      expect(res.status, res.text).toBe(200);
      return res.json.rank as number;
    };
    const reading = await inQuietWindow(sqlRank, progressRank);
    if (reading.quiet) expect(reading.answer).toBe(reading.after);
    else expect([reading.before <= reading.answer, reading.answer <= reading.after]).toEqual([true, true]); // others only overtake
  });

  it('the deprecated /leaderboard/users/{id}/progress answers the same body', async () => {
    const current = await api('GET', `/users/${player.id}/progress`);
    const legacy = await api('GET', `/leaderboard/users/${player.id}/progress`);
    expect(legacy.status).toBe(200);
    // Same body; only the rank may have moved on (down) if someone overtook the player in between.
    const { rank: rankNow, ...rest } = current.json;
    const { rank: legacyRank, ...legacyRest } = legacy.json;
    expect(legacyRest).toEqual(rest);
    expect(legacyRank).toBeGreaterThanOrEqual(rankNow);
  });

  it('a player with nothing yet: level 1, rank null, no streak, everything unearned', async () => {
    const newcomer = await createUser(handle);
    const { status, json } = await api('GET', `/users/${newcomer.id}/progress`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ total_xp: 0, level: 1, xp_into_level: 0, xp_to_next_level: 100, next_level_xp: 100, rank: null, streak_days: 0 });
    expect(json.recent_attempts).toEqual([]);
    expect(json.badges).toEqual([]);
    expect(json.badge_progress.find((b: { badge_id: string }) => b.badge_id === earnedBadge)).toMatchObject({ current: 0, target: 2 });
  });

  it('still answers from Postgres when Redis is unreachable', async () => {
    const res = await apiWithEnv(DEAD_REDIS, `/users/${player.id}/progress`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ total_xp: 230, rank: expect.any(Number) });
  });

  it.each(['/users/%s/progress', '/leaderboard/users/%s/progress'])('%s: unknown user 404, malformed id 422', async (path) => {
    const unknown = await api('GET', path.replace('%s', crypto.randomUUID()));
    expectError(unknown, 404);
    const malformed = await api('GET', path.replace('%s', 'not-a-uuid'));
    expectError(malformed, 422);
  });
});

const HOUR = 3_600_000;
/** The local date at a fixed UTC offset (the zones below have no daylight saving). */
const localDay = (offsetHours: number, at = Date.now()) => new Date(at + offsetHours * HOUR).toISOString().slice(0, 10);
/** 22:00 local time `daysAgo` local days before today, as an instant. */
function lateEvening(offsetHours: number, daysAgo: number): Date {
  const localMidnight = Date.parse(`${localDay(offsetHours)}T00:00:00Z`) - offsetHours * HOUR;
  return new Date(localMidnight - daysAgo * 24 * HOUR + 22 * HOUR);
}

/**
 * streak_days of a new player in `zone` who passed late in the evening (local) `daysAgo` local days
 * ago, as GET /users/{id}/progress answers it now. Begun again if the local date turns meanwhile.
 */
async function streakNow(zone: string, offsetHours: number, daysAgo: number[]): Promise<number> {
  for (;;) {
    const today = localDay(offsetHours);
    const player = await createUser(handle, 'player', zone);
    const ids: string[] = [];
    for (const days of daysAgo) {
      const challenge = await createChallenge(handle);
      ids.push(await insertSubmittedAttempt(handle, { userId: player.id, challengeId: challenge.id, score: 90, submittedAt: lateEvening(offsetHours, days) }));
    }
    expect((await deliver(...ids.map(award))).retryMessages).toHaveLength(0);
    const res = await api('GET', `/users/${player.id}/progress`);
    expect(res.status, res.text).toBe(200);
    if (localDay(offsetHours) === today) return res.json.streak_days as number;
  }
}

// "Now" is the real time here. Pago Pago (UTC−11) is a date behind UTC from 00:00Z to 11:00Z, and
// Kiritimati (UTC+14) a date ahead from 10:00Z: whatever the hour, one of these two players' streaks
// reads differently if "today" were taken in UTC (test/unit/player-snapshot.test.ts fixes the clock).
describe('GET /users/{id}/progress: streak_days is judged by today in the player’s timezone', () => {
  it('Pacific/Pago_Pago: passes late on the last two local evenings are a live streak of 2', async () => {
    expect(await streakNow('Pacific/Pago_Pago', -11, [2, 1])).toBe(2);
  });

  it('Pacific/Kiritimati: passes late on the two local evenings before yesterday are no live streak', async () => {
    expect(await streakNow('Pacific/Kiritimati', 14, [3, 2])).toBe(0);
  });
});
