import { describe, expect, it } from 'vitest';
import { toPlayerSnapshot, type SnapshotRow } from '../../src/services/player-stats';

/** A player_stats row as the award keeps it: a run of `current` days ending on `lastDay`. */
function row(timezone: string, current: number, lastDay: string): SnapshotRow {
  return {
    id: crypto.randomUUID(),
    username: 'streaker',
    total_xp: 250,
    timezone,
    passed_attempts: current,
    distinct_challenges: current,
    perfect_scores: 0,
    passed_by_difficulty: { easy: current },
    passed_by_tag: {},
    current_streak: current,
    longest_streak: 4,
    last_pass_day: lastDay,
  };
}

// Pacific/Pago_Pago is UTC−11 and Pacific/Kiritimati UTC+14, neither with daylight saving: from
// 00:00Z to 11:00Z Pago Pago is still on the previous UTC date, from 10:00Z Kiritimati is on the next.
describe('the current streak is judged by "today" in the player’s own timezone', () => {
  it.each<[string, string, number, string, string, number]>([
    // zone, last pass day, run, now (UTC), what "now" is locally, streak
    ['Pacific/Pago_Pago', '2026-01-11', 2, '2026-01-12T19:00:00Z', 'the next local morning, 01-12 08:00', 2],
    ['Pacific/Pago_Pago', '2026-01-11', 2, '2026-01-13T05:00:00Z', 'the next local evening, 01-12 18:00 (UTC is on 01-13)', 2],
    ['Pacific/Pago_Pago', '2026-01-11', 2, '2026-01-13T11:00:00Z', 'local midnight of 01-13: a whole day missed', 0],
    ['Pacific/Kiritimati', '2026-01-10', 2, '2026-01-11T18:00:00Z', 'local 01-12 08:00 (UTC is still on 01-11): a day missed', 0],
    ['Pacific/Kiritimati', '2026-01-11', 3, '2026-01-11T18:00:00Z', 'local 01-12 08:00: the run ended yesterday', 3],
    ['UTC', '2026-01-11', 2, '2026-01-13T05:00:00Z', '01-13 05:00: a day missed', 0],
  ])('%s, last pass %s (run of %i), at %s (%s) → %i', (zone, lastDay, current, now, _local, expected) => {
    expect(toPlayerSnapshot(row(zone, current, lastDay), new Date(now)).currentStreakDays).toBe(expected);
  });

  it('the kept tally becomes the badge stats: the longest run, not the live one', () => {
    const { stats } = toPlayerSnapshot(row('UTC', 2, '2026-01-11'), new Date('2026-03-01T00:00:00Z'));
    expect(stats).toMatchObject({ totalXp: 250, level: 2, passedAttempts: 2, distinctPassedChallenges: 2, streakDays: 4 });
  });

  it('a player with no passes yet (a null row) has no streak', () => {
    const empty = { ...row('UTC', 0, '2026-01-11'), passed_attempts: null, current_streak: null, longest_streak: null, last_pass_day: null };
    expect(toPlayerSnapshot(empty, new Date('2026-01-11T12:00:00Z'))).toMatchObject({ currentStreakDays: 0, stats: { streakDays: 0 } });
  });
});
