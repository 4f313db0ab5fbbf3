import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/client';
import { leaderboardWindows, windowId, type LeaderboardWindow } from '../../domain/leaderboard-window';
import type { WindowTotal } from './boards';

/** Postgres, the system of record, answers what the Redis boards cache. */
export interface Standing {
  userId: string;
  xp: number;
  reachedAt: Date;
  /** What the player's row shows, so a rebuild can write it beside the board. */
  username: string;
  level: number;
}

/**
 * Where a window's totals are kept, and the columns of its order: all-time is users.total_xp, a week
 * or a month is player_window_totals (kept by the award). Each order is exactly an index's
 * (users_standing_idx, player_window_totals_standing_idx), so a page or a rank is an index range scan.
 * `reached` is the tie-break at whole seconds, as the Redis score has it (leaderboard-score.ts): the
 * window rows are stored in whole seconds, users.xp_reached_at is truncated in the index expression.
 */
function source(window: LeaderboardWindow, at: Date) {
  if (window === 'all') {
    return { table: sql`users`, filter: sql`total_xp > 0`, id: sql`id`, xp: sql`total_xp`, reachedAt: sql`xp_reached_at`,
      reached: sql`date_trunc('second', xp_reached_at at time zone 'UTC')`,
      second: (at: Date) => sql`date_trunc('second', ${at.toISOString()}::timestamptz at time zone 'UTC')` };
  }
  return { table: sql`player_window_totals`, filter: sql`window_id = ${windowId(window, at)}`, id: sql`user_id`, xp: sql`xp`,
    reachedAt: sql`reached_at`, reached: sql`reached_at`, second: (at: Date) => sql`${at.toISOString()}::timestamptz` };
}

/** A player's absolute totals in every window (the values the boards must hold). */
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
  const { table, filter, id, xp, reachedAt, reached } = source(window, at);
  // Names and levels are joined to the page only, after the offset and limit.
  const result = await db.execute(sql`
    select s.*, u.username, u.level from (
      select ${id} as user_id, ${xp} as xp, ${reachedAt} as reached_at, ${reached} as reached from ${table} where ${filter}
      ${userId ? sql`and ${id} = ${userId}` : sql``}
      ${userIds ? sql`and ${id} = any(${sql.param(userIds)}::uuid[])` : sql``}
      ${reachedSince ? sql`and ${reachedAt} >= ${reachedSince.toISOString()}` : sql``}
      order by ${xp} desc, ${reached} asc, ${id} desc
      offset ${offset} limit ${limit}
    ) s join users u on u.id = s.user_id
    order by s.xp desc, s.reached asc, s.user_id desc`);
  type Row = { user_id: string; xp: number; reached_at: string | Date; username: string; level: number };
  return (result.rows as Row[]).map((row) => ({
    userId: row.user_id,
    xp: Number(row.xp),
    reachedAt: new Date(row.reached_at),
    username: row.username,
    level: Number(row.level),
  }));
}

/**
 * 1-based rank of a player in a window by SQL (the fallback when Redis is down); null if unranked.
 * Counts who sorts ahead in the order of `standings()`, instead of reading the whole board.
 */
export async function sqlRank(db: DbExecutor, window: LeaderboardWindow, userId: string, at: Date): Promise<number | null> {
  const [mine] = await standings(db, window, at, { userId });
  if (!mine) return null;
  const { table, filter, id, xp, reached, second } = source(window, at);
  const mySecond = second(mine.reachedAt);
  const result = await db.execute(sql`
    select count(*)::int as ahead from ${table} where ${filter}
    and ${xp} >= ${mine.xp}
    and (${xp} > ${mine.xp} or ${reached} < ${mySecond} or (${reached} = ${mySecond} and ${id} > ${userId}))`);
  return (result.rows[0] as { ahead: number }).ahead + 1;
}
