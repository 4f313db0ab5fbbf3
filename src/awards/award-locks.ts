import { sql } from 'drizzle-orm';
import type { DbTransaction } from '../db/client';
import type { Difficulty } from '../domain/badge-conditions';
import type { PassTally } from '../domain/pass-tally';
import type { KeptTotal } from '../domain/window-totals';
import { tallyColumns, tallyFromRow, type TallyRow } from '../services/player-stats';

/** The reads of the award transaction: each one statement, whatever the player's history. */

export interface LockedAttempt {
  id: string;
  user_id: string;
  challenge_id: string;
  status: 'started' | 'passed' | 'failed';
  score: number | null;
  submitted_at: string | null;
  awarded_at: string | null;
  xp_awarded: number | null;
  level_before: number | null;
  level_after: number | null;
  challenge_xp: number;
  difficulty: Difficulty;
  tags: string[];
  username: string;
  total_xp: number;
  level: number;
  xp_reached_at: string;
  timezone: string;
  /** The transaction's time: the ledger row's created_at, so the week and month its XP counts in. */
  now: string;
}

/**
 * Locks the attempt and its player, in that order (a concurrent delivery of the attempt waits at the
 * first, another award of the player at the second): awards of one player run one at a time, so
 * whatever the award reads next stays true until commit. Also reads the challenge and the totals.
 * After waiting for a lock, Postgres re-reads only the locked rows (attempt, user) at their newest
 * version; the player's other rows are read by the next statement, which sees the earlier award.
 */
export async function lockAttemptAndPlayer(tx: DbTransaction, attemptId: string): Promise<LockedAttempt | undefined> {
  const found = await tx.execute(sql`
    select a.id, a.user_id, a.challenge_id, a.status, a.score, a.submitted_at, a.awarded_at, a.xp_awarded,
           a.level_before, a.level_after, c.difficulty, c.tags,
           case when c.published and c.archived_at is null then c.xp else 0 end as challenge_xp, -- retired: pays nothing
           u.username, u.total_xp, u.level, u.xp_reached_at, u.timezone, now() as now
    from attempts a join challenges c on c.id = a.challenge_id join users u on u.id = a.user_id
    where a.id = ${attemptId} for update of a, u`);
  return found.rows[0] as LockedAttempt | undefined;
}

export interface PlayerState {
  tally: PassTally;
  /**
   * The day a pass counts on: its submission's calendar date in the player's timezone at award time.
   * It is recorded (attempts.pass_day, player_pass_days), so after a timezone change the days already
   * counted stay as they were and new ones count in the new zone (README, "Badges and streaks").
   */
  passDay: string | null;
  /** Every pass day, this one included: read only when the day is older than the last pass day. */
  allPassDays: string[] | null;
  /** The player's earlier passes of this challenge; null when there were none. */
  challenge: { bestScore: number; xpPaid: number } | null;
  week: KeptTotal | null;
  month: KeptTotal | null;
}

interface PlayerRow extends TallyRow {
  pass_day: string | null;
  all_pass_days: string[] | null;
  best_score: number | null;
  xp_paid: number | null;
  week_xp: number | null;
  week_reached_at: string | null;
  month_xp: number | null;
  month_reached_at: string | null;
}

const kept = (xp: number | null, reachedAt: string | null): KeptTotal | null =>
  xp === null || reachedAt === null ? null : { xp, reachedAt: new Date(reachedAt) };

/**
 * What the award needs of the (locked) player, by primary key — a new statement, so it sees what an
 * award that held the lock before committed: the tally, this challenge's earlier passes, this week's
 * and month's totals, and the attempt's pass day in the player's timezone as it is now.
 */
export async function readPlayer(tx: DbTransaction, attempt: LockedAttempt, windows: { week: string; month: string }): Promise<PlayerState> {
  const result = await tx.execute(sql`
    select to_char(d.day, 'YYYY-MM-DD') as pass_day, ${tallyColumns},
           case when d.day < ps.last_pass_day then
             array(select to_char(pd.day, 'YYYY-MM-DD') from player_pass_days pd where pd.user_id = ${attempt.user_id})
             || to_char(d.day, 'YYYY-MM-DD')
           end as all_pass_days,
           pc.best_score, pc.xp_paid, wk.xp as week_xp, wk.reached_at as week_reached_at, mo.xp as month_xp, mo.reached_at as month_reached_at
    from (select (${attempt.submitted_at}::timestamptz at time zone ${attempt.timezone})::date as day) d
    left join player_stats ps on ps.user_id = ${attempt.user_id}
    left join player_challenges pc on pc.user_id = ${attempt.user_id} and pc.challenge_id = ${attempt.challenge_id}
    left join player_window_totals wk on wk.window_id = ${windows.week} and wk.user_id = ${attempt.user_id}
    left join player_window_totals mo on mo.window_id = ${windows.month} and mo.user_id = ${attempt.user_id}`);
  const row = result.rows[0] as unknown as PlayerRow;
  return {
    tally: tallyFromRow(row),
    passDay: row.pass_day,
    allPassDays: row.all_pass_days,
    challenge: row.best_score === null ? null : { bestScore: row.best_score, xpPaid: row.xp_paid ?? 0 },
    week: kept(row.week_xp, row.week_reached_at),
    month: kept(row.month_xp, row.month_reached_at),
  };
}
