import { sql } from 'drizzle-orm';
import type { DbTransaction } from '../db/client';
import type { PassTally } from '../domain/pass-tally';
import { insertBadgesSql, insertedOnly, type EarnedBadge } from './grant-badges';

/** The writes of the award transaction: each one statement, whatever the player's history. */

/**
 * The ledger row, then — only if it is new and worth XP — the all-time total and level, and the
 * week and month totals (one upsert for both). Returns false when the ledger already held the attempt.
 */
export async function payXp(
  tx: DbTransaction,
  p: { userId: string; attemptId: string; challengeId: string; xp: number; level: number; reachedAt: Date; windowIds: string[] },
): Promise<boolean> {
  const reachedAt = p.reachedAt.toISOString();
  const result = await tx.execute(sql`
    with ledger as (
      insert into xp_events (user_id, attempt_id, challenge_id, xp) values (${p.userId}, ${p.attemptId}, ${p.challengeId}, ${p.xp})
      on conflict (attempt_id) do nothing returning xp
    ), all_time as (
      update users set total_xp = total_xp + ledger.xp, level = ${p.level}, xp_reached_at = greatest(xp_reached_at, ${reachedAt}::timestamptz)
      from ledger where users.id = ${p.userId} and ledger.xp > 0
    ), windows as (
      insert into player_window_totals (user_id, window_id, xp, reached_at)
      select ${p.userId}, window_id, ledger.xp, ${reachedAt}::timestamptz from ledger, unnest(${sql.param(p.windowIds)}::text[]) as window_id
      where ledger.xp > 0
      on conflict (window_id, user_id) do update
        set xp = player_window_totals.xp + excluded.xp, reached_at = greatest(player_window_totals.reached_at, excluded.reached_at)
    )
    select count(*)::int as inserted from ledger`);
  return (result.rows[0] as { inserted: number }).inserted > 0;
}

/**
 * A pass in the player's progress: this challenge's best score, XP paid and first pass; the pass day;
 * and the player's tally (computed by domain/pass-tally.ts, written whole).
 */
export async function recordProgress(
  tx: DbTransaction,
  p: { userId: string; challengeId: string; score: number; xpPaid: number; submittedAt: string; day: string; tally: PassTally },
): Promise<void> {
  const t = p.tally;
  await tx.execute(sql`
    with challenge_passes as (
      insert into player_challenges (user_id, challenge_id, best_score, xp_paid, first_passed_at)
      values (${p.userId}, ${p.challengeId}, ${p.score}, ${p.xpPaid}, ${p.submittedAt}::timestamptz)
      on conflict (user_id, challenge_id) do update set
        best_score = greatest(player_challenges.best_score, excluded.best_score),
        xp_paid = player_challenges.xp_paid + excluded.xp_paid,
        first_passed_at = least(player_challenges.first_passed_at, excluded.first_passed_at)
    ), pass_day as (
      insert into player_pass_days (user_id, day) values (${p.userId}, ${p.day}::date) on conflict do nothing
    )
    insert into player_stats (user_id, passed_attempts, distinct_challenges, perfect_scores, passed_by_difficulty, passed_by_tag,
                              current_streak, longest_streak, last_pass_day)
    values (${p.userId}, ${t.passedAttempts}, ${t.distinctChallenges}, ${t.perfectScores}, ${JSON.stringify(t.passedByDifficulty)}::jsonb,
            ${JSON.stringify(t.passedByTag)}::jsonb, ${t.streak.current}, ${t.streak.longest}, ${t.streak.lastDay}::date)
    on conflict (user_id) do update set
      passed_attempts = excluded.passed_attempts, distinct_challenges = excluded.distinct_challenges,
      perfect_scores = excluded.perfect_scores, passed_by_difficulty = excluded.passed_by_difficulty,
      passed_by_tag = excluded.passed_by_tag, current_streak = excluded.current_streak,
      longest_streak = excluded.longest_streak, last_pass_day = excluded.last_pass_day`);
}

/**
 * Marks the attempt awarded (XP, level before and after, the day a pass counted on) and grants the
 * badges it earned, in one statement. Returns the badges this call granted.
 */
export async function finishAward(
  tx: DbTransaction,
  p: { attemptId: string; userId: string; challengeId: string; xp: number; levelBefore: number; levelAfter: number; passDay: string | null; badges: EarnedBadge[] },
): Promise<EarnedBadge[]> {
  const result = await tx.execute(sql`
    with granted as (${insertBadgesSql(p.userId, p.badges, { attempt_id: p.attemptId, challenge_id: p.challengeId })}),
    awarded as (
      update attempts set xp_awarded = ${p.xp}, awarded_at = now(), level_before = ${p.levelBefore}, level_after = ${p.levelAfter},
                          pass_day = ${p.passDay}::date
      where id = ${p.attemptId}
    )
    select badge_id from granted`);
  return insertedOnly(p.badges, result.rows);
}
