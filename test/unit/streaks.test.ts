import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentStreak,
  dayNumber,
  extendStreak,
  liveStreak,
  localDate,
  longestStreak,
  NO_STREAK,
  streakOfDays,
  type StreakState,
} from '../../src/domain/streaks';

describe('longestStreak', () => {
  it.each<[string, string[], number]>([
    ['no passes', [], 0],
    ['one day', ['2026-05-04'], 1],
    ['the same day twice', ['2026-05-04', '2026-05-04'], 1],
    ['three days in a row, unsorted', ['2026-05-06', '2026-05-04', '2026-05-05'], 3],
    ['a gap resets the run', ['2026-05-01', '2026-05-02', '2026-05-04', '2026-05-05'], 2],
    ['the longest run wins, not the latest', ['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-10'], 3],
    ['across a month end', ['2026-02-27', '2026-02-28', '2026-03-01'], 3],
    ['across a leap day', ['2024-02-28', '2024-02-29', '2024-03-01'], 3],
    ['across a year end', ['2025-12-30', '2025-12-31', '2026-01-01'], 3],
    ['not across a missing leap day', ['2026-02-28', '2026-03-02'], 1],
  ])('%s → %i', (_, dates, expected) => {
    expect(longestStreak(dates)).toBe(expected);
  });

  it('counts days around DST changes as one day each', () => {
    expect(dayNumber('2026-03-09') - dayNumber('2026-03-08')).toBe(1);
    expect(dayNumber('2026-10-26') - dayNumber('2026-10-25')).toBe(1);
    expect(longestStreak(['2026-03-07', '2026-03-08', '2026-03-09'])).toBe(3);
    expect(longestStreak(['2026-10-24', '2026-10-25', '2026-10-26'])).toBe(3);
  });
});

describe('currentStreak: the run still alive today (today or yesterday)', () => {
  const days = ['2026-05-01', '2026-05-03', '2026-05-04', '2026-05-05'];
  it.each<[string, string, number]>([
    ['ends today', '2026-05-05', 3],
    ['ended yesterday: still alive', '2026-05-06', 3],
    ['a whole day missed: broken', '2026-05-07', 0],
  ])('%s', (_, today, expected) => {
    expect(currentStreak(days, today)).toBe(expected);
  });

  it('is 0 with no passes and 1 for a single pass today', () => {
    expect(currentStreak([], '2026-05-05')).toBe(0);
    expect(currentStreak(['2026-05-05'], '2026-05-05')).toBe(1);
    // Day numbers count from 1970-01-01: day 1 must not look like the day after a pass on day 0.
    expect(currentStreak(['1970-01-02'], '1970-01-02')).toBe(1);
    expect(currentStreak(['1970-01-01', '1970-01-02'], '1970-01-02')).toBe(2);
  });

  it('counts only the latest run even when an older one is longer', () => {
    expect(currentStreak(['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-05-04', '2026-05-05'], '2026-05-05')).toBe(2);
  });
});

describe('localDate: the calendar date in the player’s timezone', () => {
  it.each<[string, string, string]>([
    // UTC+14 and UTC−11: the same instant is on different dates than in UTC.
    ['2026-01-10T09:59:00Z', 'Pacific/Kiritimati', '2026-01-10'],
    ['2026-01-10T10:00:00Z', 'Pacific/Kiritimati', '2026-01-11'],
    ['2026-01-10T10:59:00Z', 'Pacific/Pago_Pago', '2026-01-09'],
    ['2026-01-10T11:00:00Z', 'Pacific/Pago_Pago', '2026-01-10'],
    ['2026-01-10T23:59:59Z', 'UTC', '2026-01-10'],
    // New York springs forward on 2026-03-08: midnight is 05:00Z before, 04:00Z after.
    ['2026-03-08T04:59:00Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    // Berlin falls back on 2026-10-25: midnight is 22:00Z before (CEST), 23:00Z after (CET).
    ['2026-10-24T21:59:00Z', 'Europe/Berlin', '2026-10-24'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T22:59:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });

  it('turns passes at local 23:30 across the New York DST change into a 3-day streak', () => {
    // 23:30 EST, then 23:30 EDT twice: 24 h and 23 h apart in real time, still one day each.
    const passes = ['2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z'];
    const local = passes.map((p) => localDate(new Date(p), 'America/New_York'));
    expect(local).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(longestStreak(local)).toBe(3);
    expect(currentStreak(local, '2026-03-10')).toBe(3);
  });
});

describe('a kept streak (StreakState): extended in O(1), recounted only for an older day', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

  it.each<[string, StreakState, string, StreakState | null]>([
    ['the first pass day', NO_STREAK, '2026-05-05', { current: 1, longest: 1, lastDay: '2026-05-05' }],
    ['the same day again changes nothing', { current: 2, longest: 4, lastDay: '2026-05-05' }, '2026-05-05', { current: 2, longest: 4, lastDay: '2026-05-05' }],
    ['the next day extends the run', { current: 2, longest: 2, lastDay: '2026-05-05' }, '2026-05-06', { current: 3, longest: 3, lastDay: '2026-05-06' }],
    ['a later day after a gap starts a new run', { current: 3, longest: 3, lastDay: '2026-05-05' }, '2026-05-08', { current: 1, longest: 3, lastDay: '2026-05-08' }],
    ['across a month end', { current: 1, longest: 1, lastDay: '2026-02-28' }, '2026-03-01', { current: 2, longest: 2, lastDay: '2026-03-01' }],
    ['an older day needs a recount', { current: 1, longest: 1, lastDay: '2026-05-05' }, '2026-05-04', null],
  ])('%s', (_, state, next, expected) => {
    expect(extendStreak(state, next)).toEqual(expected);
  });

  it('streakOfDays: the run ending on the last day, and the longest', () => {
    expect(streakOfDays([])).toEqual(NO_STREAK);
    expect(streakOfDays(['2026-05-05', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-05'])).toEqual({ current: 1, longest: 3, lastDay: '2026-05-05' });
    expect(streakOfDays(['2025-12-31', '2026-01-01'])).toEqual({ current: 2, longest: 2, lastDay: '2026-01-01' });
  });

  it('liveStreak: the kept run is alive on its last day and the day after, then 0', () => {
    const state = { current: 3, lastDay: '2026-05-05' };
    expect(liveStreak(state, '2026-05-05')).toBe(3);
    expect(liveStreak(state, '2026-05-06')).toBe(3);
    expect(liveStreak(state, '2026-05-07')).toBe(0);
    expect(liveStreak(NO_STREAK, '2026-05-05')).toBe(0);
  });

  it('any delivery order of pass days ends in the state counted from scratch', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }), (offsets) => {
        const days = offsets.map(day);
        let state = NO_STREAK;
        const seen: string[] = [];
        for (const d of days) {
          seen.push(d);
          state = extendStreak(state, d) ?? streakOfDays(seen);
        }
        expect(state).toEqual(streakOfDays(days));
        const today = state.lastDay ?? day(0);
        expect(liveStreak(state, today)).toBe(currentStreak(days, today));
      }),
    );
  });
});
