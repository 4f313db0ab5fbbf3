import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database } from '../src/db/client.ts';
import { leaderboardWindows } from '../src/domain/leaderboard-window.ts';
import { createLeaderboard } from '../src/services/leaderboard/boards.ts';
import { rebuildBoard } from '../src/services/leaderboard/rebuild.ts';
import { createRedis } from '../src/services/redis.ts';

export interface BoardTarget {
  /** The Upstash REST endpoint the worker uses (locally: the gateway). */
  restUrl: string;
  restToken: string;
  /** The worker's REDIS_KEY_PREFIX. */
  prefix: string;
}

/**
 * Rebuilds every Redis board from Postgres with the worker's own rebuild (as POST /admin/recalc-xp
 * ends), so players the seed gave a history to are ranked even on a board Redis already held.
 */
export async function rebuildBoards(url: string, target: BoardTarget, at = new Date()): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The rebuild takes the Workers driver's type; it only runs selects, which node-postgres answers alike ({ rows }).
    const db = drizzle(client) as unknown as Database;
    const leaderboard = createLeaderboard(createRedis({ UPSTASH_REDIS_REST_URL: target.restUrl, UPSTASH_REDIS_REST_TOKEN: target.restToken }), target.prefix);
    for (const window of leaderboardWindows) await rebuildBoard(db, leaderboard, window, at);
  } finally {
    await client.end();
  }
}
