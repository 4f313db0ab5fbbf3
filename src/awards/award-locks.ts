import { sql } from 'drizzle-orm';
import type { DbTransaction } from '../db/client';
import type { Difficulty } from '../domain/badge-conditions';
import type { PassTally } from '../domain/pass-tally';
import type { KeptTotal } from '../domain/window-totals';
import { tallyColumns, tallyFromRow, type TallyRow } from '../services/player-stats';
import type { CandidateBadge, EarnedBadge } from './grant-badges';

/** The reads of the award transaction: two statements for the whole batch, whatever the players' histories. */

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
  /** The ledger already holds this attempt (it is written with awarded_at, so only a replay has it). */
  in_ledger: boolean;
  /** A replay only: the badges its first delivery granted (their grant names the attempt). */
  granted: EarnedBadge[] | null;
  challenge_xp: number;
  difficulty: Difficulty;
  tags: string[];
  username: string;
  total_xp: number;
  level: number;
  xp_reached_at: string;
  timezone: string;
  /** The transaction's time: the ledger rows' created_at, so the week and month their XP counts in. */
  now: string;
}

/**
 * Locks the batch's attempts and their players, ordered by player then attempt, so two batches that
 * share players take the locks in the same order (no deadlock) and a concurrent delivery of an attempt
 * waits. Awards of one player therefore run one batch at a time, and whatever the award reads next
 * stays true until commit. Also reads the challenges and the players' totals.
 * After waiting for a lock, Postgres re-reads only the locked rows (attempt, user) at their newest
 * version; the players' other rows are read by the next statement, which sees the earlier award.
 */
export async function lockAttempts(tx: DbTransaction, attemptIds: string[]): Promise<LockedAttempt[]> {
  const found = await tx.execute(sql`
    select a.id, a.user_id, a.challenge_id, a.status, a.score, a.submitted_at, a.awarded_at, a.xp_awarded,
           a.level_before, a.level_after, c.difficulty, c.tags,
           exists (select 1 from xp_events e where e.attempt_id = a.id) as in_ledger,
           case when a.awarded_at is not null then coalesce((
             select json_agg(json_build_object('id', b.id, 'name', b.name) order by ub.awarded_at, b.name)
             from user_badges ub join badges b on b.id = ub.badge_id
             where ub.user_id = a.user_id and ub.metadata->>'attempt_id' = a.id::text), '[]') end as granted,
           case when c.published and c.archived_at is null then c.xp else 0 end as challenge_xp, -- retired: pays nothing
           u.username, u.total_xp, u.level, u.xp_reached_at, u.timezone, now() as now
    from attempts a join challenges c on c.id = a.challenge_id join users u on u.id = a.user_id
    where a.id = any(${sql.param(attemptIds)}::uuid[])
    order by a.user_id, a.id
    for update of a, u`);
  return found.rows as unknown as LockedAttempt[];
}

/** What the award needs of one (locked) attempt's player, as the batch found it. */
export interface PlayerState {
  tally: PassTally;
  /**
   * The day the attempt's pass counts on: its submission's calendar date in the player's timezone at
   * award time. It is recorded (attempts.pass_day, player_pass_days), so after a timezone change the days
   * already counted stay as they were and new ones count in the new zone (README, "Badges and streaks").
   */
  passDay: string | null;
  /** Every pass day of the player: read only when one of the batch's days is older than the last pass day. */
  allPassDays: string[] | null;
  /** The player's earlier passes of this challenge; null when there were none. */
  challenge: { bestScore: number; xpPaid: number } | null;
  week: KeptTotal | null;
  month: KeptTotal | null;
  /** The badges the player has not earned yet. */
  candidates: CandidateBadge[];
}

interface PlayerRow extends TallyRow {
  attempt_id: string;
  pass_day: string | null;
  all_pass_days: string[] | null;
  best_score: number | null;
  xp_paid: number | null;
  week_xp: number | null;
  week_reached_at: string | null;
  month_xp: number | null;
  month_reached_at: string | null;
  candidates: CandidateBadge[];
}

const kept = (xp: number | null, reachedAt: string | null): KeptTotal | null =>
  xp === null || reachedAt === null ? null : { xp, reachedAt: new Date(reachedAt) };

/**
 * One row per attempt, by primary keys — a new statement, so it sees what an award that held the
 * locks before committed: the player's tally, this challenge's earlier passes, this week's and month's
 * totals, the badges not yet earned, and the attempt's pass day in the player's timezone as it is now.
 */
export async function readPlayers(tx: DbTransaction, attempts: LockedAttempt[], windows: { week: string; month: string }): Promise<Map<string, PlayerState>> {
  if (attempts.length === 0) return new Map();
  const column = <K extends keyof LockedAttempt>(key: K) => sql.param(attempts.map((a) => a[key]));
  const result = await tx.execute(sql`
    with batch as (
      select * from unnest(${column('id')}::uuid[], ${column('user_id')}::uuid[], ${column('challenge_id')}::uuid[],
                           ${column('submitted_at')}::timestamptz[], ${column('timezone')}::text[])
        as b(attempt_id, user_id, challenge_id, submitted_at, timezone)
    )
    select b.attempt_id, to_char(d.day, 'YYYY-MM-DD') as pass_day, ${tallyColumns},
           case when d.day < ps.last_pass_day then
             array(select to_char(pd.day, 'YYYY-MM-DD') from player_pass_days pd where pd.user_id = b.user_id)
           end as all_pass_days,
           pc.best_score, pc.xp_paid, wk.xp as week_xp, wk.reached_at as week_reached_at, mo.xp as month_xp, mo.reached_at as month_reached_at,
           coalesce((select json_agg(json_build_object('id', bd.id, 'name', bd.name, 'condition', bd.condition) order by bd.name, bd.id)
                     from badges bd
                     where not exists (select 1 from user_badges ub where ub.badge_id = bd.id and ub.user_id = b.user_id)), '[]') as candidates
    from batch b
    cross join lateral (select (b.submitted_at at time zone b.timezone)::date as day) d
    left join player_stats ps on ps.user_id = b.user_id
    left join player_challenges pc on pc.user_id = b.user_id and pc.challenge_id = b.challenge_id
    left join player_window_totals wk on wk.window_id = ${windows.week} and wk.user_id = b.user_id
    left join player_window_totals mo on mo.window_id = ${windows.month} and mo.user_id = b.user_id`);
  const rows = result.rows as unknown as PlayerRow[];
  return new Map(rows.map((row) => [row.attempt_id, {
    tally: tallyFromRow(row),
    passDay: row.pass_day,
    allPassDays: row.all_pass_days,
    challenge: row.best_score === null ? null : { bestScore: row.best_score, xpPaid: row.xp_paid ?? 0 },
    week: kept(row.week_xp, row.week_reached_at),
    month: kept(row.month_xp, row.month_reached_at),
    candidates: row.candidates,
  }]));
}
