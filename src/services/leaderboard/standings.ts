import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/client';
import { leaderboardWindows, windowStart, type LeaderboardWindow } from '../../domain/leaderboard-window';
import type { WindowTotal } from './boards';

/** Postgres, the system of record, answers what the Redis boards cache. */
export interface Standing {
  userId: string;
  xp: number;
  reachedAt: Date;
}

/** Every player with XP in a window, as (user_id, xp, reached_at) rows: the one SQL of a window's totals. */
function windowTotalsSql(window: LeaderboardWindow, at: Date, userId?: string) {
  const start = windowStart(window, at);
  if (start === null) {
    return sql`select id as user_id, total_xp as xp, xp_reached_at as reached_at
               from users where total_xp > 0 ${userId ? sql`and id = ${userId}` : sql``}`;
  }
  return sql`select user_id, sum(xp)::int as xp, max(created_at) filter (where xp > 0) as reached_at
             from xp_events where created_at >= ${start.toISOString()} ${userId ? sql`and user_id = ${userId}` : sql``}
             group by user_id having sum(xp) > 0`;
}

/** A player's absolute totals in every window, from the ledger (the values the boards must hold). */
export async function windowTotals(db: DbExecutor, userId: string, at: Date): Promise<WindowTotal[]> {
  const totals: WindowTotal[] = [];
  for (const window of leaderboardWindows) {
    const [standing] = await standings(db, window, at, { userId });
    totals.push({ window, xp: standing?.xp ?? 0, reachedAt: standing?.reachedAt ?? at });
  }
  return totals;
}

export interface StandingsFilter {
  userId?: string;
  /** Only these players (a reconciliation batch). */
  userIds?: readonly string[];
  reachedSince?: Date;
  offset?: number;
  limit?: number;
}

/**
 * Everyone with XP in a window, best first, ties to who reached the total first (to the second,
 * as the Redis score does), then by id descending (as Redis orders equal scores when reversed).
 */
export async function standings(
  db: DbExecutor,
  window: LeaderboardWindow,
  at: Date,
  { userId, userIds, reachedSince, offset = 0, limit = 1_000_000 }: StandingsFilter = {},
): Promise<Standing[]> {
  const result = await db.execute(sql`
    select * from (${windowTotalsSql(window, at, userId)}) s where true
    ${userIds ? sql`and user_id = any(${sql.param(userIds)}::uuid[])` : sql``}
    ${reachedSince ? sql`and reached_at >= ${reachedSince.toISOString()}` : sql``}
    order by xp desc, date_trunc('second', reached_at) asc, user_id desc
    offset ${offset} limit ${limit}`);
  return (result.rows as { user_id: string; xp: number; reached_at: string | Date }[]).map((row) => ({
    userId: row.user_id,
    xp: Number(row.xp),
    reachedAt: new Date(row.reached_at),
  }));
}

/**
 * 1-based rank of a player in a window by SQL (the fallback when Redis is down); null if unranked.
 * Counts who sorts ahead in the order of `standings()`, instead of reading the whole board.
 */
export async function sqlRank(db: DbExecutor, window: LeaderboardWindow, userId: string, at: Date): Promise<number | null> {
  const [mine] = await standings(db, window, at, { userId });
  if (!mine) return null;
  const reached = sql`date_trunc('second', ${mine.reachedAt.toISOString()}::timestamptz)`;
  const result = await db.execute(sql`
    select count(*)::int as ahead from (${windowTotalsSql(window, at)}) s
    where s.xp > ${mine.xp}
       or (s.xp = ${mine.xp} and date_trunc('second', s.reached_at) < ${reached})
       or (s.xp = ${mine.xp} and date_trunc('second', s.reached_at) = ${reached} and s.user_id > ${userId})`);
  return (result.rows[0] as { ahead: number }).ahead + 1;
}
