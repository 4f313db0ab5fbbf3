import { inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { LeaderboardWindow } from '../../domain/leaderboard-window';
import { describeError, log } from '../../lib/logger';
import { withTimeout } from '../../lib/with-timeout';
import type { Services } from '..';
import { createBoardReads, type BoardPage, type BoardRow } from './board-reads';
import { readBoard, writeBoard } from './rebuild';
import { sqlRank, standings } from './standings';

/**
 * The leaderboard as the API shows it. Redis answers alone, in one round trip, while it has the
 * board; Postgres (the system of record) answers when Redis is unreachable, and a board found
 * empty, or not marked complete by a rebuild (a restart or flush, then an award published into the
 * emptied board), is rebuilt from Postgres before it is read.
 */
export type Source = 'redis' | 'postgres';
type Deps = Pick<Services, 'db' | 'redis' | 'plainRedis' | 'leaderboard' | 'config'>;

export interface LeaderboardEntry {
  rank: number;
  user_id: string;
  username: string;
  total_xp: number;
  level: number;
}

/** Runs a Redis call; undefined means Redis is unreachable and Postgres must answer. */
async function tryRedis<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withTimeout(call(), 2_000, what);
  } catch (err) {
    log.warn('leaderboard_redis_unavailable', { what, ...describeError(err) });
    return undefined;
  }
}

/**
 * Reads a page from Redis; an empty board that Postgres can fill, or one no rebuild marked complete,
 * is rebuilt and read again. If Postgres cannot answer, an unmarked board is still shown as it is.
 */
async function readPage(deps: Deps, window: LeaderboardWindow, now: Date, read: () => Promise<BoardPage>): Promise<BoardPage | undefined> {
  const page = await tryRedis('board read', read);
  if (!page || (page.size > 0 && page.complete)) return page;
  let snapshot: Awaited<ReturnType<typeof readBoard>>;
  try {
    snapshot = await readBoard(deps.db, window, now);
  } catch (err) {
    if (page.size === 0) throw err;
    log.warn('leaderboard_rebuild_unavailable', { window, ...describeError(err) });
    return page;
  }
  if (snapshot.rows.length === 0) return page; // nobody has XP in this window yet
  const rebuilt = await tryRedis('rebuild', async () => (await writeBoard(deps.db, deps.leaderboard, snapshot), true));
  return rebuilt ? tryRedis('board read', read) : undefined;
}

/** Display fields from Postgres, for rows whose card is missing in Redis (or the whole SQL fallback). */
async function withPlayers(deps: Pick<Services, 'db'>, rows: BoardRow[]): Promise<LeaderboardEntry[]> {
  const missing = rows.filter((row) => !row.player).map((row) => row.userId);
  const found = missing.length
    ? await deps.db.select({ id: users.id, username: users.username, level: users.level }).from(users).where(inArray(users.id, missing))
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  return rows.flatMap((row) => {
    const player = row.player ?? byId.get(row.userId);
    return player ? [{ rank: row.rank, user_id: row.userId, username: player.username, total_xp: row.xp, level: player.level }] : [];
  });
}

async function sqlRows(deps: Deps, window: LeaderboardWindow, offset: number, count: number, now: Date): Promise<BoardRow[]> {
  const rows = await standings(deps.db, window, now, { offset, limit: count });
  return rows.map((row, i) => ({ userId: row.userId, xp: row.xp, rank: offset + i + 1 }));
}

/** Ranks `offset+1 … offset+count` of a window. */
export async function readTop(deps: Deps, window: LeaderboardWindow, offset: number, count: number, now: Date) {
  const reads = createBoardReads(deps.plainRedis, deps.config.REDIS_KEY_PREFIX);
  const page = await readPage(deps, window, now, () => reads.page(window, offset, count, now));
  if (page) return { source: 'redis' as Source, entries: await withPlayers(deps, page.rows) };
  return { source: 'postgres' as Source, entries: await withPlayers(deps, await sqlRows(deps, window, offset, count, now)) };
}

/** A player's rank (null if unranked in the window) and the `radius` players either side. */
export async function readAround(deps: Deps, window: LeaderboardWindow, userId: string, radius: number, now: Date) {
  const reads = createBoardReads(deps.plainRedis, deps.config.REDIS_KEY_PREFIX);
  const page = await readPage(deps, window, now, () => reads.around(window, userId, radius, now));
  if (page) return { source: 'redis' as Source, rank: page.rank, entries: await withPlayers(deps, page.rows) };
  const rank = await sqlRank(deps.db, window, userId, now);
  if (rank === null) return { source: 'postgres' as Source, rank, entries: [] };
  const offset = Math.max(0, rank - 1 - radius);
  const rows = await sqlRows(deps, window, offset, rank - offset + radius, now);
  return { source: 'postgres' as Source, rank, entries: await withPlayers(deps, rows) };
}

/** A player's 1-based rank in a window, null if unranked. */
export async function readRank(deps: Deps, window: LeaderboardWindow, userId: string, now: Date) {
  const reads = createBoardReads(deps.plainRedis, deps.config.REDIS_KEY_PREFIX);
  const found = await readPage(deps, window, now, async () => ({ ...(await reads.rank(window, userId, now)), rows: [] }));
  if (found) return { source: 'redis' as Source, rank: found.rank };
  return { source: 'postgres' as Source, rank: await sqlRank(deps.db, window, userId, now) };
}
