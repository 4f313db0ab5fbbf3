import { sql } from 'drizzle-orm';
import type { DbTransaction } from '../db/client';
import type { PassTally } from '../domain/pass-tally';
import type { EarnedBadge } from './grant-badges';

/** What a batch's awards store (award-plan.ts works it out), written by one statement. */
export interface AwardWrites {
  /** This week's and month's ids: the windows the XP counts in. */
  windowIds: string[];
  /** Each pass: its ledger row, and what it does to the player's progress on its challenge and days. */
  passes: { userId: string; attemptId: string; challengeId: string; xp: number; paid: number; score: number; submittedAt: string; day: string }[];
  /** Each awarded attempt: its row's award columns, and the badges it granted. */
  attempts: { attemptId: string; userId: string; challengeId: string; xp: number; levelBefore: number; levelAfter: number; passDay: string | null; badges: EarnedBadge[] }[];
  /** Each player the batch paid: XP gained, the level it reached, and when. */
  players: { userId: string; gained: number; level: number; reachedAt: Date }[];
  /** Each player with a new pass: the whole tally (domain/pass-tally.ts). */
  tallies: { userId: string; tally: PassTally }[];
}

const param = <T,>(rows: T[], pick: (row: T) => unknown) => sql.param(rows.map(pick));

/**
 * The ledger rows, the players' totals and levels, the week and month totals, each challenge's best
 * score and XP paid, the pass days, the tallies, the attempts' award columns and the badges — one
 * statement for the whole batch (each table is touched once, one row per key: the plan merged what a
 * player's several attempts did). Returns the badges it granted, as (user, badge).
 */
export async function writeAwards(tx: DbTransaction, w: AwardWrites): Promise<{ user_id: string; badge_id: string }[]> {
  const granted = w.attempts.flatMap((a) => a.badges.map((b) => ({ userId: a.userId, badgeId: b.id, attemptId: a.attemptId, challengeId: a.challengeId })));
  const days = [...new Map(w.passes.map((p) => [`${p.userId}/${p.day}`, p])).values()];
  const result = await tx.execute(sql`
    with ledger as (
      insert into xp_events (user_id, attempt_id, challenge_id, xp)
      select * from unnest(${param(w.passes, (p) => p.userId)}::uuid[], ${param(w.passes, (p) => p.attemptId)}::uuid[],
                           ${param(w.passes, (p) => p.challengeId)}::uuid[], ${param(w.passes, (p) => p.xp)}::int[])
      on conflict (attempt_id) do nothing
    ), gained as (
      select * from unnest(${param(w.players, (p) => p.userId)}::uuid[], ${param(w.players, (p) => p.gained)}::int[],
                           ${param(w.players, (p) => p.level)}::int[], ${param(w.players, (p) => p.reachedAt.toISOString())}::timestamptz[])
        as g(user_id, xp, level, reached_at)
    ), all_time as (
      update users set total_xp = total_xp + g.xp, level = g.level, xp_reached_at = greatest(xp_reached_at, g.reached_at)
      from gained g where users.id = g.user_id
    ), windows as (
      insert into player_window_totals (user_id, window_id, xp, reached_at)
      select g.user_id, window_id, g.xp, g.reached_at from gained g, unnest(${sql.param(w.windowIds)}::text[]) as window_id
      on conflict (window_id, user_id) do update
        set xp = player_window_totals.xp + excluded.xp, reached_at = greatest(player_window_totals.reached_at, excluded.reached_at)
    ), challenge_passes as (
      insert into player_challenges (user_id, challenge_id, best_score, xp_paid, first_passed_at)
      select user_id, challenge_id, max(score), sum(paid), min(submitted_at)
      from unnest(${param(w.passes, (p) => p.userId)}::uuid[], ${param(w.passes, (p) => p.challengeId)}::uuid[],
                  ${param(w.passes, (p) => p.score)}::int[], ${param(w.passes, (p) => p.paid)}::int[],
                  ${param(w.passes, (p) => p.submittedAt)}::timestamptz[]) as p(user_id, challenge_id, score, paid, submitted_at)
      group by user_id, challenge_id
      on conflict (user_id, challenge_id) do update set
        best_score = greatest(player_challenges.best_score, excluded.best_score),
        xp_paid = player_challenges.xp_paid + excluded.xp_paid,
        first_passed_at = least(player_challenges.first_passed_at, excluded.first_passed_at)
    ), pass_days as (
      insert into player_pass_days (user_id, day)
      select * from unnest(${param(days, (p) => p.userId)}::uuid[], ${param(days, (p) => p.day)}::date[])
      on conflict do nothing
    ), tallies as (
      insert into player_stats (user_id, passed_attempts, distinct_challenges, perfect_scores, passed_by_difficulty, passed_by_tag,
                                current_streak, longest_streak, last_pass_day)
      select * from unnest(${param(w.tallies, (t) => t.userId)}::uuid[], ${param(w.tallies, (t) => t.tally.passedAttempts)}::int[],
                           ${param(w.tallies, (t) => t.tally.distinctChallenges)}::int[], ${param(w.tallies, (t) => t.tally.perfectScores)}::int[],
                           ${param(w.tallies, (t) => JSON.stringify(t.tally.passedByDifficulty))}::jsonb[],
                           ${param(w.tallies, (t) => JSON.stringify(t.tally.passedByTag))}::jsonb[],
                           ${param(w.tallies, (t) => t.tally.streak.current)}::int[], ${param(w.tallies, (t) => t.tally.streak.longest)}::int[],
                           ${param(w.tallies, (t) => t.tally.streak.lastDay)}::date[])
      on conflict (user_id) do update set
        passed_attempts = excluded.passed_attempts, distinct_challenges = excluded.distinct_challenges,
        perfect_scores = excluded.perfect_scores, passed_by_difficulty = excluded.passed_by_difficulty,
        passed_by_tag = excluded.passed_by_tag, current_streak = excluded.current_streak,
        longest_streak = excluded.longest_streak, last_pass_day = excluded.last_pass_day
    ), awarded as (
      update attempts set xp_awarded = a.xp, awarded_at = now(), level_before = a.level_before, level_after = a.level_after, pass_day = a.pass_day
      from unnest(${param(w.attempts, (a) => a.attemptId)}::uuid[], ${param(w.attempts, (a) => a.xp)}::int[],
                  ${param(w.attempts, (a) => a.levelBefore)}::int[], ${param(w.attempts, (a) => a.levelAfter)}::int[],
                  ${param(w.attempts, (a) => a.passDay)}::date[]) as a(id, xp, level_before, level_after, pass_day)
      where attempts.id = a.id
    )
    insert into user_badges (user_id, badge_id, metadata)
    select user_id, badge_id, jsonb_build_object('attempt_id', attempt_id, 'challenge_id', challenge_id)
    from unnest(${param(granted, (g) => g.userId)}::uuid[], ${param(granted, (g) => g.badgeId)}::uuid[],
                ${param(granted, (g) => g.attemptId)}::text[], ${param(granted, (g) => g.challengeId)}::text[])
      as g(user_id, badge_id, attempt_id, challenge_id)
    on conflict do nothing returning user_id, badge_id`);
  return result.rows as { user_id: string; badge_id: string }[];
}
