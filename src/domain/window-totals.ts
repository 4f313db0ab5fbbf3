/**
 * A player's total in one leaderboard window, kept as the award adds XP. Times are whole seconds:
 * the resolution of the Redis score's tie-break (leaderboard-score.ts), so Postgres orders by the
 * same (xp, reached) pairs that Redis does.
 */
export interface KeptTotal {
  xp: number;
  reachedAt: Date;
}

export function wholeSecond(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/**
 * The total after an award of `xp` at `at`. The reached time is the latest award's that added XP
 * (the greatest, so awards committing out of order leave the same value); none added, nothing changes.
 */
export function addToTotal(total: KeptTotal | null, xp: number, at: Date): KeptTotal | null {
  if (xp <= 0) return total;
  const reached = wholeSecond(at);
  if (!total) return { xp, reachedAt: reached };
  return { xp: total.xp + xp, reachedAt: total.reachedAt > reached ? total.reachedAt : reached };
}
