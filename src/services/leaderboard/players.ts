import type { Redis } from '../redis';

/** What a board row shows beside the score: kept in Redis so a board page needs no Postgres. */
export interface PlayerDisplay {
  username: string;
  level: number;
}

/**
 * One hash for every board: field = user id, value = `{"username":…,"level":…}` (JSON). No TTL:
 * a player's name and level outlive any weekly or monthly board.
 */
export function playersKey(prefix: string): string {
  return `${prefix}:lb:players`;
}

type Transaction = ReturnType<Redis['multi']>;

/** HSET of players' display fields on a transaction being built, 500 fields a command. */
export function setPlayers(tx: Transaction, key: string, players: ({ userId: string } & PlayerDisplay)[]): void {
  for (let i = 0; i < players.length; i += 500) {
    const fields: Record<string, string> = {};
    for (const { userId, username, level } of players.slice(i, i + 500)) fields[userId] = JSON.stringify({ username, level });
    if (Object.keys(fields).length > 0) tx.hset(key, fields);
  }
}

/** The rows that carry display fields (rebuilds pass them when their SQL read them). */
export function withDisplay<T extends { userId: string; username?: string; level?: number }>(rows: T[]) {
  return rows.flatMap((row) => (row.username !== undefined && row.level !== undefined ? [{ userId: row.userId, username: row.username, level: row.level }] : []));
}
