import { inArray } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { LeaderboardWindow } from '../../domain/leaderboard-window';
import { describeError, log } from '../../lib/logger';
import { withTimeout } from '../../lib/with-timeout';
import type { Services } from '..';
import type { RankedScore } from './boards';
import { readBoard, writeBoard } from './rebuild';
import { sqlRank, standings } from './standings';

export type Source = 'redis' | 'postgres';
type Deps = Pick<Services, 'db' | 'leaderboard'>;

/** Runs a Redis call; undefined means Redis is unreachable and Postgres must answer. */
async function tryRedis<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withTimeout(call(), 2_000, what);
  } catch (err) {
    log.warn('leaderboard_redis_unavailable', { what, ...describeError(err) });
    return undefined;
  }
}

/** An empty board with players in Postgres was lost (flush, eviction): rebuild it before reading. */
async function ensureBoard({ db, leaderboard }: Deps, window: LeaderboardWindow, now: Date): Promise<boolean> {
  const size = await tryRedis('zcard', () => leaderboard.size(window, now));
  if (size === undefined) return false;
  if (size > 0) return true;
  const snapshot = await readBoard(db, window, now);
  if (snapshot.rows.length === 0) return true;
  // writeBoard() resolves to undefined, which tryRedis also uses for "unreachable": answer true explicitly.
  const rebuilt = await tryRedis('rebuild', async () => {
    await writeBoard(db, leaderboard, snapshot);
    return true;
  });
  return rebuilt === true;
}

async function sqlRange(deps: Deps, window: LeaderboardWindow, offset: number, count: number, now: Date): Promise<RankedScore[]> {
  const rows = await standings(deps.db, window, now, { offset, limit: count });
  return rows.map((row, i) => ({ userId: row.userId, xp: row.xp, rank: offset + i + 1 }));
}

export async function readRange(deps: Deps, window: LeaderboardWindow, offset: number, count: number, now: Date) {
  if (await ensureBoard(deps, window, now)) {
    const entries = await tryRedis('zrange', () => deps.leaderboard.range(window, offset, count, now));
    if (entries) return { source: 'redis' as Source, entries };
  }
  return { source: 'postgres' as Source, entries: await sqlRange(deps, window, offset, count, now) };
}

export async function readRank(deps: Deps, window: LeaderboardWindow, userId: string, now: Date) {
  if (await ensureBoard(deps, window, now)) {
    const rank = await tryRedis('zrevrank', () => deps.leaderboard.rank(window, userId, now));
    if (rank !== undefined) return { source: 'redis' as Source, rank };
  }
  return { source: 'postgres' as Source, rank: await sqlRank(deps.db, window, userId, now) };
}

/** Adds usernames and levels (from Postgres) to ranked scores. */
export async function withPlayers(deps: Pick<Services, 'db'>, entries: RankedScore[]) {
  if (entries.length === 0) return [];
  const rows = await deps.db
    .select({ id: users.id, username: users.username, level: users.level })
    .from(users)
    .where(inArray(users.id, entries.map((e) => e.userId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return entries.flatMap((e) => {
    const player = byId.get(e.userId);
    return player ? [{ rank: e.rank, user_id: e.userId, username: player.username, total_xp: e.xp, level: player.level }] : [];
  });
}
