import type { Database } from '../../db/client';
import type { LeaderboardWindow } from '../../domain/leaderboard-window';
import type { Leaderboard } from './boards';
import { standings, type Standing } from './standings';

/**
 * How far before a rebuild's read an award may have begun and still commit after it: award
 * transactions take milliseconds, and a total's reached-at time is its transaction's start.
 */
const IN_FLIGHT_MS = 60_000;

export interface BoardSnapshot {
  window: LeaderboardWindow;
  at: Date;
  readAt: Date;
  rows: Standing[];
}

/** Reads a whole board from Postgres, noting when, so the write can catch up with later awards. */
export async function readBoard(db: Database, window: LeaderboardWindow, at: Date): Promise<BoardSnapshot> {
  const readAt = new Date();
  return { window, at, readAt, rows: await standings(db, window, at) };
}

/**
 * Replaces the Redis board with the snapshot, then re-adds (ZADD GT) every total reached since just
 * before the read: an award that committed and published between the read and the replace would
 * otherwise be wiped from the board until that player's next award.
 */
export async function writeBoard(db: Database, leaderboard: Leaderboard, snapshot: BoardSnapshot): Promise<void> {
  const { window, at } = snapshot;
  await leaderboard.replace(window, snapshot.rows, at);
  const reachedSince = new Date(snapshot.readAt.getTime() - IN_FLIGHT_MS);
  await leaderboard.merge(window, await standings(db, window, at, { reachedSince }), at);
}

export async function rebuildBoard(db: Database, leaderboard: Leaderboard, window: LeaderboardWindow, at: Date): Promise<void> {
  await writeBoard(db, leaderboard, await readBoard(db, window, at));
}
