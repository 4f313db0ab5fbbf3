/**
 * The Redis boards the worker reads, written directly: the real key names (see boardKey) and
 * score encoding (leaderboardScore), from the same Postgres totals the award consumer would use.
 * The all-time board is topped up with filler members below every real player, to a given size.
 */
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { leaderboardScore } from '../../../src/domain/leaderboard-score.ts';
import { windowId, windowStart, type LeaderboardWindow } from '../../../src/domain/leaderboard-window.ts';
import { progressBar } from './progress-bar.ts';

const CHUNK = 1000;
const PIPELINE = 50;

type Member = [score: number, member: string];

/** The worker's key, as src/services/leaderboard.ts's leaderboardKey() builds it (kept out of the node build: it pulls in worker types). */
export function boardKey(prefix: string, window: LeaderboardWindow, at: Date): string {
  return `${prefix}:lb:${windowId(window, at)}`;
}

/** Every player's total in a window, as the boards hold it (standings() without the sort). */
async function windowMembers(db: pg.Client, window: LeaderboardWindow, at: Date): Promise<Member[]> {
  const start = windowStart(window, at);
  const { rows } =
    start === null
      ? await db.query('select id as user_id, total_xp as xp, xp_reached_at as reached_at from users where total_xp > 0')
      : await db.query(
          `select user_id, sum(xp)::int as xp, max(created_at) filter (where xp > 0) as reached_at
           from xp_events where created_at >= $1 group by user_id having sum(xp) > 0`,
          [start.toISOString()],
        );
  return (rows as { user_id: string; xp: number; reached_at: Date }[]).map((r) => [leaderboardScore(r.xp, r.reached_at), r.user_id]);
}

/** Fillers score XP 0: below every real player, so the real top and neighbourhoods stay real. */
function fillers(count: number): Member[] {
  const at = new Date(Date.UTC(2025, 0, 1));
  const batch = Date.now().toString(36);
  return Array.from({ length: count }, (_, i) => [leaderboardScore(0, at), `filler:${batch}:${i}`]);
}

async function zaddAll(redis: Redis, key: string, members: Member[], label: string): Promise<void> {
  const bar = progressBar(label, members.length);
  for (let i = 0; i < members.length; i += CHUNK * PIPELINE) {
    const pipe = redis.pipeline();
    for (let j = i; j < Math.min(members.length, i + CHUNK * PIPELINE); j += CHUNK) {
      pipe.zadd(key, ...members.slice(j, j + CHUNK).flat());
    }
    await pipe.exec();
    bar.tick(Math.min(CHUNK * PIPELINE, members.length - i));
  }
  bar.finish();
}

/** Writes the all-time board (real players, then fillers up to `allSize`) and this week's and month's. */
export async function loadBoards(db: pg.Client, redis: Redis, prefix: string, allSize: number, at = new Date()): Promise<void> {
  for (const window of ['week', 'month'] as const) {
    await zaddAll(redis, boardKey(prefix, window, at), await windowMembers(db, window, at), `redis: ${window} board`);
  }
  const key = boardKey(prefix, 'all', at);
  const real = await windowMembers(db, 'all', at);
  await zaddAll(redis, key, real, 'redis: all-time board');
  await zaddAll(redis, key, fillers(Math.max(0, allSize - (await redis.zcard(key)))), 'redis: all-time fillers');
}
