/**
 * One sorted-set score carries both the total and the tie-break "who reached it first":
 *   score = xp × 2^28 + (2^28 − 1 − seconds since 2025-01-01 when the total was reached)
 * Higher XP always wins (a single XP point outweighs any time difference); at equal XP the earlier
 * time scores higher. Both parts are integers, so the score is exact in a double while
 * xp < 2^25 (33 million XP) and until the year 2033. A replayed award recomputes the same score,
 * and ZADD GT ignores anything that isn't higher.
 */
const TIME_BITS = 2 ** 28;
const EPOCH_MS = Date.UTC(2025, 0, 1);
export const MAX_RANKED_XP = 2 ** 25 - 1;

function secondsSinceEpoch(at: Date): number {
  return Math.min(TIME_BITS - 1, Math.max(0, Math.floor((at.getTime() - EPOCH_MS) / 1000)));
}

export function leaderboardScore(xp: number, reachedAt: Date): number {
  const clamped = Math.min(MAX_RANKED_XP, Math.max(0, Math.floor(xp)));
  return clamped * TIME_BITS + (TIME_BITS - 1 - secondsSinceEpoch(reachedAt));
}

export function xpFromScore(score: number): number {
  return Math.floor(score / TIME_BITS);
}
