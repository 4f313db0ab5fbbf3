import { sql } from 'drizzle-orm';
import type { DbExecutor, DbTransaction } from '../db/client';

const passesOf = (ids: string[]) => sql`a.status = 'passed' and a.awarded_at is not null and a.user_id = any(${sql.param(ids)}::uuid[])`;

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
 * The repair path (recalc job): recomputes what the award keeps incrementally — player_challenges,
 * pass days, player_stats and the window totals — from the attempts and the ledger of a batch of
 * players. The caller holds those players' rows locked (FOR UPDATE), as an award does, so no award
 * of theirs interleaves. Migration 0003 backfills with the same SQL.
 */
export async function rebuildPlayerStats(tx: DbTransaction, ids: string[]): Promise<void> {
  const batch = sql`any(${sql.param(ids)}::uuid[])`;
  const passes = passesOf(ids);
  await tx.execute(sql`delete from player_challenges where user_id = ${batch}`);
  await tx.execute(sql`
    insert into player_challenges (user_id, challenge_id, best_score, xp_paid, first_passed_at)
    select a.user_id, a.challenge_id, max(a.score),
           coalesce((select sum(e.xp) from xp_events e where e.user_id = a.user_id and e.challenge_id = a.challenge_id), 0),
           min(a.submitted_at)
    from attempts a where ${passes} group by a.user_id, a.challenge_id`);

  await tx.execute(sql`delete from player_pass_days where user_id = ${batch}`);
  await tx.execute(sql`insert into player_pass_days (user_id, day) select distinct a.user_id, a.pass_day from attempts a where ${passes} and a.pass_day is not null`);

  await tx.execute(sql`delete from player_stats where user_id = ${batch}`);
  await tx.execute(sql`
    with passes as (
      select a.user_id, count(*)::int as n from attempts a where ${passes} group by a.user_id
    ), per_challenge as (
      select pc.user_id, count(*)::int as n, count(*) filter (where pc.best_score = 100)::int as perfect,
             jsonb_build_object('easy', count(*) filter (where c.difficulty = 'easy'),
                                'medium', count(*) filter (where c.difficulty = 'medium'),
                                'hard', count(*) filter (where c.difficulty = 'hard')) as by_difficulty
      from player_challenges pc join challenges c on c.id = pc.challenge_id where pc.user_id = ${batch} group by pc.user_id
    ), per_tag as (
      select user_id, jsonb_object_agg(tag, n) as by_tag from (
        select pc.user_id, t.tag, count(distinct pc.challenge_id)::int as n
        from player_challenges pc join challenges c on c.id = pc.challenge_id, unnest(c.tags) as t(tag)
        where pc.user_id = ${batch} group by pc.user_id, t.tag) tags
      group by user_id
    ), runs as (
      -- Consecutive days share day − row_number(): one group per run.
      select user_id, count(*)::int as len, max(day) as last_day from (
        select user_id, day, day - (row_number() over (partition by user_id order by day))::int as grp
        from player_pass_days where user_id = ${batch}) d
      group by user_id, grp
    ), streaks as (
      select distinct on (user_id) user_id, len as current_streak, max(len) over (partition by user_id) as longest_streak, last_day
      from runs order by user_id, last_day desc
    )
    insert into player_stats (user_id, passed_attempts, distinct_challenges, perfect_scores, passed_by_difficulty,
                              passed_by_tag, current_streak, longest_streak, last_pass_day)
    select p.user_id, p.n, pc.n, pc.perfect, pc.by_difficulty, coalesce(t.by_tag, '{}'::jsonb), s.current_streak, s.longest_streak, s.last_day
    from passes p
    join per_challenge pc on pc.user_id = p.user_id
    join streaks s on s.user_id = p.user_id
    left join per_tag t on t.user_id = p.user_id`);

  await tx.execute(sql`delete from player_window_totals where user_id = ${batch}`);
  await tx.execute(sql`
    insert into player_window_totals (user_id, window_id, xp, reached_at)
    select e.user_id, w.window_id, sum(e.xp)::int, date_trunc('second', max(e.created_at) filter (where e.xp > 0))
    -- The week's and the month's id of each ledger row, as domain/leaderboard-window.ts windowId() names them.
    from xp_events e cross join lateral (values ('week-' || to_char(date_trunc('week', e.created_at at time zone 'UTC'), 'YYYY-MM-DD')),
                                                ('month-' || to_char(e.created_at at time zone 'UTC', 'YYYY-MM'))) as w(window_id)
    where e.user_id = ${batch}
    group by e.user_id, w.window_id
    having sum(e.xp) > 0`);
}
