/** Pass rule: score ≥ threshold (PASS_THRESHOLD, 70 by default). */
export function isPassing(score: number, threshold: number): boolean {
  return score >= threshold;
}

/** XP an attempt is worth on its own: round(challenge.xp × score / 100) when it passes, else 0. */
export function xpForScore(challengeXp: number, score: number, threshold: number): number {
  if (!isPassing(score, threshold)) return 0;
  return Math.round((challengeXp * score) / 100);
}

/**
 * XP actually awarded for a passing attempt: only what it adds over the XP the player has already
 * been awarded on the same challenge, so resubmitting never earns more than challenge.xp in total.
 * Taking the ledger sum (not "the previous attempt") keeps it right when awards arrive out of order.
 */
export function xpToAward(earnedByThisScore: number, alreadyAwardedOnChallenge: number): number {
  return Math.max(0, earnedByThisScore - alreadyAwardedOnChallenge);
}
