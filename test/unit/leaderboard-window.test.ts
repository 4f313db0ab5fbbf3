import { describe, expect, it } from 'vitest';
import { leaderboardWindows, windowId, windowStart } from '../../src/domain/leaderboard-window';

const d = (iso: string) => new Date(iso);

describe('leaderboard windows: all-time, the UTC week from Monday, the UTC month', () => {
  it('are all, week and month', () => {
    expect(leaderboardWindows).toEqual(['all', 'week', 'month']);
  });

  it('all-time has no start', () => {
    expect(windowStart('all', d('2026-11-22T12:00:00Z'))).toBeNull();
    expect(windowId('all', d('2026-11-22T12:00:00Z'))).toBe('all');
  });

  it.each([
    ['2026-11-16T00:00:00Z', '2026-11-16', 'a Monday at midnight starts its own week'],
    ['2026-11-22T23:59:59Z', '2026-11-16', 'the Sunday after is still that week'],
    ['2026-11-18T12:00:00Z', '2026-11-16', 'a Wednesday'],
    ['2026-11-23T00:00:00Z', '2026-11-23', 'the next Monday starts the next'],
    ['2026-03-01T10:00:00Z', '2026-02-23', 'a week begun in the month before'],
    ['2027-01-01T10:00:00Z', '2026-12-28', 'a week begun in the year before'],
  ])('%s is in the week of %s (%s)', (instant, monday) => {
    expect(windowStart('week', d(instant))).toEqual(d(`${monday}T00:00:00Z`));
    expect(windowId('week', d(instant))).toBe(`week-${monday}`);
  });

  it.each([
    ['2026-11-01T00:00:00Z', '2026-11'],
    ['2026-11-30T23:59:59Z', '2026-11'],
    ['2026-12-01T00:00:00Z', '2026-12'],
    ['2024-02-29T12:00:00Z', '2024-02'],
  ])('%s is in the month %s', (instant, month) => {
    expect(windowStart('month', d(instant))).toEqual(d(`${month}-01T00:00:00Z`));
    expect(windowId('month', d(instant))).toBe(`month-${month}`);
  });

  it('goes by UTC, not by the machine’s zone: 23:30 on Sunday in UTC is Monday 00:30 in Paris, still the old week', () => {
    expect(windowId('week', d('2026-11-22T23:30:00Z'))).toBe('week-2026-11-16');
  });
});
