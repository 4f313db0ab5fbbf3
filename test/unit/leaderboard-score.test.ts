import { describe, expect, it } from 'vitest';
import { leaderboardScore, MAX_RANKED_XP, xpFromScore } from '../../src/domain/leaderboard-score';

const TIME_BITS = 2 ** 28;
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const at = (secondsSinceEpoch: number) => new Date(EPOCH + secondsSinceEpoch * 1000);

describe('leaderboardScore: xp × 2^28 + (2^28 − 1 − seconds since 2025-01-01)', () => {
  it('is exact at the epoch and one second later', () => {
    expect(leaderboardScore(1, at(0))).toBe(TIME_BITS + TIME_BITS - 1);
    expect(leaderboardScore(1, at(1))).toBe(TIME_BITS + TIME_BITS - 2);
    expect(leaderboardScore(0, at(0))).toBe(TIME_BITS - 1);
  });

  it('one more XP outweighs any difference in time', () => {
    expect(leaderboardScore(101, at(TIME_BITS - 1))).toBeGreaterThan(leaderboardScore(100, at(0)));
  });

  it('at equal XP the total reached first scores higher; within one second the scores are equal', () => {
    expect(leaderboardScore(500, at(10))).toBeGreaterThan(leaderboardScore(500, at(11)));
    expect(leaderboardScore(500, new Date(EPOCH + 10_000))).toBe(leaderboardScore(500, new Date(EPOCH + 10_999)));
  });

  it('clamps times before the epoch and after 2033, and XP below 0 or above the exact range', () => {
    expect(leaderboardScore(7, new Date('2024-06-01T00:00:00Z'))).toBe(7 * TIME_BITS + TIME_BITS - 1);
    expect(leaderboardScore(7, new Date('2040-01-01T00:00:00Z'))).toBe(7 * TIME_BITS);
    expect(leaderboardScore(-5, at(0))).toBe(TIME_BITS - 1);
    expect(leaderboardScore(MAX_RANKED_XP + 1000, at(0))).toBe(leaderboardScore(MAX_RANKED_XP, at(0)));
    expect(leaderboardScore(100.9, at(0))).toBe(leaderboardScore(100, at(0)));
    expect(MAX_RANKED_XP).toBe(2 ** 25 - 1);
  });

  it('xpFromScore reads the XP back, whatever the time', () => {
    for (const xp of [0, 1, 99, 10_000, MAX_RANKED_XP]) {
      for (const seconds of [0, 1, 86_400 * 365, TIME_BITS - 1]) expect(xpFromScore(leaderboardScore(xp, at(seconds))), `${xp}@${seconds}`).toBe(xp);
    }
  });

  it('stays an exact integer in a double at the largest XP', () => {
    expect(Number.isSafeInteger(leaderboardScore(MAX_RANKED_XP, at(0)))).toBe(true);
  });
});
