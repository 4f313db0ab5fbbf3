import { sql } from 'drizzle-orm';
import type { DbExecutor, DbTransaction } from '../db/client';
import { challengesFromSource, passDaysFromSource, passesOf, statsFromSource, windowTotalsFromSource } from '../services/player-stats-source';

/**
 * Gives a pass written outside the award (no recorded day) its day in the player's current timezone;
 * recorded days are kept. Runs before the players are locked, so it never waits for an attempt while
 * holding a player (a replayed award locks its attempt, then its player).
 */
export async function fillPassDays(db: DbExecutor, ids: string[]): Promise<void> {
  await db.execute(sql`
    update attempts a set pass_day = (a.submitted_at at time zone u.timezone)::date from users u
    where u.id = a.user_id and ${passesOf(ids)} and a.pass_day is null`);
}

/**
 * The repair path (recalc job): replaces what the award keeps incrementally — player_challenges,
 * pass days, player_stats and the window totals — with what the attempts and the ledger of a batch of
 * players say. The caller holds those players' rows locked (FOR UPDATE), as an award does, so no award
 * of theirs interleaves.
 */
export async function rebuildPlayerStats(tx: DbTransaction, ids: string[]): Promise<void> {
  const batch = sql`any(${sql.param(ids)}::uuid[])`;
  await tx.execute(sql`delete from player_challenges where user_id = ${batch}`);
  await tx.execute(sql`insert into player_challenges (user_id, challenge_id, best_score, xp_paid, first_passed_at) ${challengesFromSource(ids)}`);
  await tx.execute(sql`delete from player_pass_days where user_id = ${batch}`);
  await tx.execute(sql`insert into player_pass_days (user_id, day) ${passDaysFromSource(ids)}`);
  await tx.execute(sql`delete from player_stats where user_id = ${batch}`);
  await tx.execute(sql`
    insert into player_stats (user_id, passed_attempts, distinct_challenges, perfect_scores, passed_by_difficulty,
                              passed_by_tag, current_streak, longest_streak, last_pass_day) ${statsFromSource(ids)}`);
  await tx.execute(sql`delete from player_window_totals where user_id = ${batch}`);
  await tx.execute(sql`insert into player_window_totals (user_id, window_id, xp, reached_at) ${windowTotalsFromSource(ids)}`);
}
