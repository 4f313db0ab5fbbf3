/**
 * The hot queries, reproduced from src/ with realistic parameters ($1 player, $2 challenge,
 * $3 week start): the award transaction (src/awards/award-attempt.ts, player-stats.ts), the boards'
 * totals (src/services/standings.ts), progress, and the Postgres leaderboard fallback.
 */
export interface HotQuery {
  name: string;
  sql: string;
  /** Which of [player, challenge, weekStart] it takes, in order. */
  params: ('player' | 'challenge' | 'weekStart')[];
}

const passed = `a.user_id = $1 and a.status = 'passed' and a.awarded_at is not null`;

export const HOT_QUERIES: HotQuery[] = [
  { name: 'award: already paid on challenge', params: ['player', 'challenge'],
    sql: `select coalesce(sum(xp), 0)::int as xp from xp_events where user_id = $1 and challenge_id = $2` },
  { name: 'player stats: counts', params: ['player'],
    sql: `select count(*)::int, count(distinct a.challenge_id)::int, count(distinct a.challenge_id) filter (where a.score = 100)::int
          from attempts a where ${passed}` },
  { name: 'player stats: by difficulty', params: ['player'],
    sql: `select c.difficulty, count(distinct c.id)::int from attempts a join challenges c on c.id = a.challenge_id where ${passed} group by c.difficulty` },
  { name: 'player stats: by tag', params: ['player'],
    sql: `select t.tag, count(distinct c.id)::int from attempts a join challenges c on c.id = a.challenge_id, unnest(c.tags) as t(tag)
          where ${passed} group by t.tag` },
  { name: 'player stats: pass days', params: ['player'],
    sql: `select distinct to_char(a.submitted_at at time zone 'UTC', 'YYYY-MM-DD') from attempts a where ${passed}` },
  { name: 'window total: week, one player', params: ['weekStart', 'player'],
    sql: `select * from (select user_id, sum(xp)::int as xp, max(created_at) filter (where xp > 0) as reached_at
          from xp_events where created_at >= $1 and user_id = $2 group by user_id having sum(xp) > 0) s
          order by xp desc, date_trunc('second', reached_at) asc, user_id desc offset 0 limit 1000000` },
  { name: 'progress: recent attempts', params: ['player'],
    sql: `select a.*, c.title from attempts a join challenges c on c.id = a.challenge_id
          where a.user_id = $1 order by a.started_at desc, a.id desc limit 5` },
  { name: 'fallback top 10: all-time', params: [],
    sql: `select * from (select id as user_id, total_xp as xp, xp_reached_at as reached_at from users where total_xp > 0) s
          order by xp desc, date_trunc('second', reached_at) asc, user_id desc offset 0 limit 10` },
  { name: 'fallback top 10: week', params: ['weekStart'],
    sql: `select * from (select user_id, sum(xp)::int as xp, max(created_at) filter (where xp > 0) as reached_at
          from xp_events where created_at >= $1 group by user_id having sum(xp) > 0) s
          order by xp desc, date_trunc('second', reached_at) asc, user_id desc offset 0 limit 10` },
  { name: 'admin stats: awards pending', params: [],
    sql: `select count(*)::int from attempts where status <> 'started' and awarded_at is null` },
];
