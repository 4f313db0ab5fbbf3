import { difficulties, type Difficulty, type PlayerStats } from './badge-conditions';
import { levelForXp } from './levels';
import { extendStreak, NO_STREAK, streakOfDays, type StreakState } from './streaks';

/**
 * What a player's awarded passes add up to (the row of player_stats), kept by adding one pass at a
 * time. Challenge counts are of distinct challenges, except `passedAttempts`.
 */
export interface PassTally {
  passedAttempts: number;
  distinctChallenges: number;
  perfectScores: number;
  passedByDifficulty: Record<Difficulty, number>;
  passedByTag: Record<string, number>;
  streak: StreakState;
}

export function emptyTally(): PassTally {
  return {
    passedAttempts: 0,
    distinctChallenges: 0,
    perfectScores: 0,
    passedByDifficulty: Object.fromEntries(difficulties.map((d) => [d, 0])) as Record<Difficulty, number>,
    passedByTag: Object.create(null) as Record<string, number>,
    streak: NO_STREAK,
  };
}

/** One newly awarded pass, and what the player's earlier passes of the same challenge say about it. */
export interface Pass {
  score: number;
  difficulty: Difficulty;
  tags: readonly string[];
  /** The pass's calendar day in the player's timezone ('YYYY-MM-DD'). */
  day: string;
  /** The best earlier passing score on this challenge; null when this is its first pass. */
  previousBest: number | null;
}

/**
 * The tally with one more pass. The result does not depend on the order passes are added in: counts
 * of distinct challenges move only on a challenge's first pass (or first 100), and a day older than
 * the last pass day has its streak recounted from `allDays` (every pass day, this one included),
 * which the caller must then supply.
 */
export function addPass(tally: PassTally, pass: Pass, allDays?: readonly string[]): PassTally {
  const first = pass.previousBest === null;
  const firstPerfect = pass.score === 100 && (pass.previousBest ?? 0) < 100;
  const streak = extendStreak(tally.streak, pass.day) ?? (allDays ? streakOfDays(allDays) : undefined);
  if (!streak) throw new Error('a pass day older than the last one needs every pass day to recount the streak');

  const passedByTag: Record<string, number> = Object.assign(Object.create(null), tally.passedByTag);
  if (first) for (const tag of new Set(pass.tags)) passedByTag[tag] = (passedByTag[tag] ?? 0) + 1;
  return {
    passedAttempts: tally.passedAttempts + 1,
    distinctChallenges: tally.distinctChallenges + (first ? 1 : 0),
    perfectScores: tally.perfectScores + (firstPerfect ? 1 : 0),
    passedByDifficulty: first
      ? { ...tally.passedByDifficulty, [pass.difficulty]: (tally.passedByDifficulty[pass.difficulty] ?? 0) + 1 }
      : tally.passedByDifficulty,
    passedByTag,
    streak,
  };
}

/** What badge conditions look at. */
export function statsOf(totalXp: number, tally: PassTally): PlayerStats {
  return {
    totalXp,
    level: levelForXp(totalXp),
    passedAttempts: tally.passedAttempts,
    distinctPassedChallenges: tally.distinctChallenges,
    perfectScores: tally.perfectScores,
    streakDays: tally.streak.longest,
    passedByDifficulty: tally.passedByDifficulty,
    passedByTag: tally.passedByTag,
  };
}
