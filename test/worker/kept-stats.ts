import { sql } from 'drizzle-orm';
import type { DbHandle } from '../../src/db/client';
import { windowId } from '../../src/domain/leaderboard-window';

/**
 * What the award keeps incrementally (player_challenges, player_pass_days, player_stats,
 * player_window_totals) next to the same values recomputed from scratch here, from the attempts and
 * the ledger alone — written independently of the award's code and of the recalc job's. Pass days
 * are counted in each player's current timezone, so the players must not have changed it.
 */
export async function keptAndRecomputed(handle: DbHandle, userIds: string[]) {
  const ids = sql`any(${sql.param(userIds)}::uuid[])`;
  const passes = sql`
    select a.user_id, a.challenge_id, a.score, a.submitted_at, c.difficulty, c.tags, (a.submitted_at at time zone u.timezone)::date as day
    from attempts a join users u on u.id = a.user_id join challenges c on c.id = a.challenge_id
    where a.user_id = ${ids} and a.status = 'passed' and a.awarded_at is not null`;
  const rows = async (query: ReturnType<typeof sql>) => (await handle.db.execute(query)).rows;

  const kept = {
    challenges: await rows(sql`
      select user_id, challenge_id, best_score, xp_paid, first_passed_at from player_challenges where user_id = ${ids} order by 1, 2`),
    days: await rows(sql`select user_id, to_char(day, 'YYYY-MM-DD') as day from player_pass_days where user_id = ${ids} order by 1, 2`),
    stats: await rows(sql`
      select user_id, passed_attempts, distinct_challenges, perfect_scores, passed_by_difficulty, passed_by_tag,
             current_streak, longest_streak, to_char(last_pass_day, 'YYYY-MM-DD') as last_pass_day
      from player_stats where user_id = ${ids} order by 1`),
    windows: comparable(
      (await rows(sql`select user_id, window_id, xp, reached_at from player_window_totals where user_id = ${ids}`)) as unknown as WindowRow[],
    ),
  };

  const recomputed = {
    challenges: await rows(sql`
      with p as (${passes})
      select p.user_id, p.challenge_id, max(p.score) as best_score,
             (select coalesce(sum(e.xp), 0)::int from xp_events e where e.user_id = p.user_id and e.challenge_id = p.challenge_id) as xp_paid,
             min(p.submitted_at) as first_passed_at
      from p group by 1, 2 order by 1, 2`),
    days: await rows(sql`with p as (${passes}) select distinct user_id, to_char(day, 'YYYY-MM-DD') as day from p order by 1, 2`),
    stats: await rows(sql`
      with p as (${passes}),
      numbered as (
        select user_id, day, day - (row_number() over (partition by user_id order by day))::int as run
        from (select distinct user_id, day from p) d
      ),
      runs as (select user_id, run, count(*)::int as len, max(day) as last_day from numbered group by user_id, run)
      select p.user_id, count(*)::int as passed_attempts, count(distinct p.challenge_id)::int as distinct_challenges,
             count(distinct p.challenge_id) filter (where p.score = 100)::int as perfect_scores,
             jsonb_build_object('easy', count(distinct p.challenge_id) filter (where p.difficulty = 'easy'),
                                'medium', count(distinct p.challenge_id) filter (where p.difficulty = 'medium'),
                                'hard', count(distinct p.challenge_id) filter (where p.difficulty = 'hard')) as passed_by_difficulty,
             coalesce((select jsonb_object_agg(tag, n) from (
                         select t.tag, count(distinct q.challenge_id)::int as n from p q, unnest(q.tags) as t(tag)
                         where q.user_id = p.user_id group by t.tag) tags), '{}'::jsonb) as passed_by_tag,
             (select r.len from runs r where r.user_id = p.user_id order by r.last_day desc limit 1) as current_streak,
             (select max(r.len) from runs r where r.user_id = p.user_id) as longest_streak,
             to_char(max(p.day), 'YYYY-MM-DD') as last_pass_day
      from p group by p.user_id order by 1`),
    windows: await windowsFromLedger(handle, userIds),
  };
  return { kept, recomputed };
}

/** Week and month totals summed here from the ledger rows, with the windows named by windowId(). */
async function windowsFromLedger(handle: DbHandle, userIds: string[]) {
  const ledger = await handle.db.execute(sql`
    select user_id, xp, created_at from xp_events where user_id = any(${sql.param(userIds)}::uuid[])`);
  const totals = new Map<string, { user_id: string; window_id: string; xp: number; reached: number }>();
  for (const row of ledger.rows as { user_id: string; xp: number; created_at: string }[]) {
    const at = new Date(row.created_at);
    for (const window of ['week', 'month'] as const) {
      const key = `${row.user_id} ${windowId(window, at)}`;
      const total = totals.get(key) ?? { user_id: row.user_id, window_id: windowId(window, at), xp: 0, reached: 0 };
      total.xp += row.xp;
      if (row.xp > 0) total.reached = Math.max(total.reached, Math.floor(at.getTime() / 1000) * 1000);
      totals.set(key, total);
    }
  }
  const positive = [...totals.values()].filter((t) => t.xp > 0);
  return comparable(positive.map((t) => ({ user_id: t.user_id, window_id: t.window_id, xp: t.xp, reached_at: new Date(t.reached) })));
}

interface WindowRow {
  user_id: string;
  window_id: string;
  xp: number;
  reached_at: string | Date;
}

/** Window rows in one order and shape (reached_at as an ISO instant), whichever side they come from. */
function comparable(rows: WindowRow[]) {
  return rows
    .map((r) => ({ user_id: r.user_id, window_id: r.window_id, xp: r.xp, reached_at: new Date(r.reached_at).toISOString() }))
    .sort((a, b) => (`${a.user_id} ${a.window_id}` < `${b.user_id} ${b.window_id}` ? -1 : 1));
}
