import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import type { PlayerStats } from '../domain/badge-conditions';
import { emptyTally, statsOf, type PassTally } from '../domain/pass-tally';
import { liveStreak, localDate } from '../domain/streaks';

export interface PlayerSnapshot {
  stats: PlayerStats;
  /** The run of pass days that is still alive today, in the player's timezone. */
  currentStreakDays: number;
}

/** The player_stats columns as `select`ed by `tallyColumns` (`ps` is the player_stats alias). */
export interface TallyRow {
  passed_attempts: number | null;
  distinct_challenges: number | null;
  perfect_scores: number | null;
  passed_by_difficulty: Record<string, number> | null;
  passed_by_tag: Record<string, number> | null;
  current_streak: number | null;
  longest_streak: number | null;
  last_pass_day: string | null;
}

export const tallyColumns = sql`ps.passed_attempts, ps.distinct_challenges, ps.perfect_scores, ps.passed_by_difficulty,
  ps.passed_by_tag, ps.current_streak, ps.longest_streak, to_char(ps.last_pass_day, 'YYYY-MM-DD') as last_pass_day`;

/** A player_stats row (all null: the player has no pass yet) as a tally. */
export function tallyFromRow(row: TallyRow): PassTally {
  const empty = emptyTally();
  if (row.passed_attempts === null) return empty;
  return {
    passedAttempts: row.passed_attempts,
    distinctChallenges: row.distinct_challenges ?? 0,
    perfectScores: row.perfect_scores ?? 0,
    passedByDifficulty: { ...empty.passedByDifficulty, ...row.passed_by_difficulty },
    passedByTag: Object.assign(empty.passedByTag, row.passed_by_tag),
    streak: { current: row.current_streak ?? 0, longest: row.longest_streak ?? 0, lastDay: row.last_pass_day },
  };
}

/** The row `playerSnapshotQuery` reads: the player and what the award keeps for them. */
export type SnapshotRow = TallyRow & { id: string; username: string; total_xp: number; timezone: string } & Record<string, unknown>;

/**
 * Everything badge conditions look at, in one read of what the award keeps (users + player_stats):
 * its cost does not depend on the player's history. Not awaited here, so a caller can batch it.
 */
export function playerSnapshotQuery(db: DbExecutor, userId: string) {
  return db.execute<SnapshotRow>(sql`
    select u.id, u.username, u.total_xp, u.timezone, ${tallyColumns}
    from users u left join player_stats ps on ps.user_id = u.id
    where u.id = ${userId}`);
}

/** The current streak is the kept run, alive if its last day is today or yesterday in the player's timezone now. */
export function toPlayerSnapshot(row: SnapshotRow, now: Date): PlayerSnapshot {
  const tally = tallyFromRow(row);
  return { stats: statsOf(row.total_xp, tally), currentStreakDays: liveStreak(tally.streak, localDate(now, row.timezone)) };
}

export async function playerSnapshot(db: DbExecutor, userId: string, now = new Date()): Promise<PlayerSnapshot | null> {
  const row = (await playerSnapshotQuery(db, userId)).rows[0];
  return row ? toPlayerSnapshot(row, now) : null;
}

/** What badge conditions look at, for many players in one query (the reconciliation's batches). */
export async function playersStats(db: DbExecutor, userIds: readonly string[]): Promise<Map<string, PlayerStats>> {
  const rows = await db.execute<TallyRow & { id: string; total_xp: number } & Record<string, unknown>>(sql`
    select u.id, u.total_xp, ${tallyColumns}
    from users u left join player_stats ps on ps.user_id = u.id
    where u.id = any(${sql.param(userIds)}::uuid[])`);
  return new Map(rows.rows.map((row) => [row.id, statsOf(row.total_xp, tallyFromRow(row))]));
}
