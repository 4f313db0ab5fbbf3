/**
 * The hot queries, reproduced from src/ with realistic parameters: the award transaction's lock and read
 * (src/awards/award-locks.ts, for a batch of one attempt), progress (src/routes/progress/progress.queries.ts,
 * src/services/player-stats.ts), the window totals and the Postgres leaderboard fallback
 * (src/services/leaderboard/standings.ts), and the admin's pending-awards count (src/services/game-counts.ts).
 */
export interface HotQuery {
  name: string;
  sql: string;
  /** Which parameters it takes, in order. */
  params: ('player' | 'attempt' | 'weekId')[];
}

export const HOT_QUERIES: HotQuery[] = [
  { name: 'award: lock the batch (one attempt)', params: ['attempt'],
    sql: `select a.id, a.user_id, a.awarded_at, exists (select 1 from xp_events e where e.attempt_id = a.id) as in_ledger,
            c.difficulty, c.tags, u.total_xp, u.timezone
          from attempts a join challenges c on c.id = a.challenge_id join users u on u.id = a.user_id
          where a.id = any(array[$1]::uuid[]) order by a.user_id, a.id for update of a, u` },
  { name: 'award: read the players (one attempt)', params: ['attempt', 'weekId'],
    sql: `with batch as (select a.id as attempt_id, a.user_id, a.challenge_id, a.submitted_at, u.timezone
                         from attempts a join users u on u.id = a.user_id where a.id = $1)
          select b.attempt_id, ps.passed_attempts, ps.last_pass_day,
                 case when (b.submitted_at at time zone b.timezone)::date < ps.last_pass_day then
                   array(select pd.day from player_pass_days pd where pd.user_id = b.user_id) end as all_pass_days,
                 pc.best_score, pc.xp_paid, wk.xp as week_xp,
                 (select count(*) from badges bd where not exists
                   (select 1 from user_badges ub where ub.badge_id = bd.id and ub.user_id = b.user_id)) as candidates
          from batch b
          left join player_stats ps on ps.user_id = b.user_id
          left join player_challenges pc on pc.user_id = b.user_id and pc.challenge_id = b.challenge_id
          left join player_window_totals wk on wk.window_id = $2 and wk.user_id = b.user_id` },
  { name: 'progress: player snapshot', params: ['player'],
    sql: `select u.id, u.username, u.total_xp, u.timezone, ps.passed_attempts, ps.longest_streak
          from users u left join player_stats ps on ps.user_id = u.id where u.id = $1` },
  { name: 'progress: recent attempts, as another viewer sees them', params: ['player'],
    sql: `select a.*, (select c.title from challenges c where c.id = a.challenge_id) as title from attempts a
          where a.user_id = $1 and a.status in ('passed', 'failed')
            and a.challenge_id = any(array(select id from challenges where published and archived_at is null))
          order by a.started_at desc, a.id desc limit 5` },
  { name: 'window total: week, one player', params: ['weekId', 'player'],
    sql: `select xp, reached_at from player_window_totals where window_id = $1 and user_id = $2` },
  { name: 'fallback top 10: all-time', params: [],
    sql: `select * from (select id as user_id, total_xp as xp, xp_reached_at as reached_at from users where total_xp > 0) s
          order by xp desc, date_trunc('second', reached_at at time zone 'UTC') asc, user_id desc offset 0 limit 10` },
  { name: 'fallback top 10: week', params: ['weekId'],
    sql: `select user_id, xp, reached_at from player_window_totals where window_id = $1
          order by xp desc, reached_at asc, user_id desc offset 0 limit 10` },
  { name: 'admin stats: awards pending', params: [],
    sql: `select count(*)::int from attempts where status <> 'started' and awarded_at is null` },
];
