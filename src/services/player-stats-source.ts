import { sql } from 'drizzle-orm';

/** A batch of players' awarded passes (alias `a` on attempts). */
export const passesOf = (ids: readonly string[]) =>
  sql`a.status = 'passed' and a.awarded_at is not null and a.user_id = any(${sql.param(ids)}::uuid[])`;

/*
 * What the award keeps (player_challenges, player_pass_days, player_stats, player_window_totals),
 * computed from the attempts and the ledger of a batch of players: one SELECT per table, with that
 * table's columns. The recalc job writes them (awards/rebuild-player-stats.ts); the reconciliation
 * (services/reconcile/stats-checks.ts) compares the kept rows with them. Migration 0003 backfilled with
 * the same SQL.
 */

export function challengesFromSource(ids: readonly string[]) {
  return sql`
    select a.user_id, a.challenge_id, max(a.score) as best_score,
           coalesce((select sum(e.xp) from xp_events e where e.user_id = a.user_id and e.challenge_id = a.challenge_id), 0)::int as xp_paid,
           min(a.submitted_at) as first_passed_at
    from attempts a where ${passesOf(ids)} group by a.user_id, a.challenge_id`;
}

/** A pass without a recorded day counts on its day in the player's current timezone (as fillPassDays records it). */
export function passDaysFromSource(ids: readonly string[]) {
  return sql`
    select distinct a.user_id, coalesce(a.pass_day, (a.submitted_at at time zone u.timezone)::date) as day
    from attempts a join users u on u.id = a.user_id where ${passesOf(ids)}`;
}

export function statsFromSource(ids: readonly string[]) {
  return sql`
    with passes as (
      select a.user_id, count(*)::int as n from attempts a where ${passesOf(ids)} group by a.user_id
    ), challenge_rows as (${challengesFromSource(ids)}
    ), day_rows as (${passDaysFromSource(ids)}
    ), per_challenge as (
      select pc.user_id, count(*)::int as n, count(*) filter (where pc.best_score = 100)::int as perfect,
             jsonb_build_object('easy', count(*) filter (where c.difficulty = 'easy'),
                                'medium', count(*) filter (where c.difficulty = 'medium'),
                                'hard', count(*) filter (where c.difficulty = 'hard')) as by_difficulty
      from challenge_rows pc join challenges c on c.id = pc.challenge_id group by pc.user_id
    ), per_tag as (
      select user_id, jsonb_object_agg(tag, n) as by_tag from (
        select pc.user_id, t.tag, count(distinct pc.challenge_id)::int as n
        from challenge_rows pc join challenges c on c.id = pc.challenge_id, unnest(c.tags) as t(tag)
        group by pc.user_id, t.tag) tags
      group by user_id
    ), runs as (
      -- Consecutive days share day − row_number(): one group per run.
      select user_id, count(*)::int as len, max(day) as last_day from (
        select user_id, day, day - (row_number() over (partition by user_id order by day))::int as grp from day_rows) d
      group by user_id, grp
    ), streaks as (
      select distinct on (user_id) user_id, len as current_streak, max(len) over (partition by user_id) as longest_streak, last_day
      from runs order by user_id, last_day desc
    )
    select p.user_id, p.n as passed_attempts, pc.n as distinct_challenges, pc.perfect as perfect_scores,
           pc.by_difficulty as passed_by_difficulty, coalesce(t.by_tag, '{}'::jsonb) as passed_by_tag,
           s.current_streak, s.longest_streak, s.last_day as last_pass_day
    from passes p
    join per_challenge pc on pc.user_id = p.user_id
    join streaks s on s.user_id = p.user_id
    left join per_tag t on t.user_id = p.user_id`;
}

export function windowTotalsFromSource(ids: readonly string[]) {
  return sql`
    select e.user_id, w.window_id, sum(e.xp)::int as xp, date_trunc('second', max(e.created_at) filter (where e.xp > 0)) as reached_at
    -- The week's and the month's id of each ledger row, as domain/leaderboard-window.ts windowId() names them.
    from xp_events e cross join lateral (values ('week-' || to_char(date_trunc('week', e.created_at at time zone 'UTC'), 'YYYY-MM-DD')),
                                                ('month-' || to_char(e.created_at at time zone 'UTC', 'YYYY-MM'))) as w(window_id)
    where e.user_id = any(${sql.param(ids)}::uuid[])
    group by e.user_id, w.window_id
    having sum(e.xp) > 0`;
}
