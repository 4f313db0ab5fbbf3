import { leaderboardScore, xpFromScore } from '../../domain/leaderboard-score';
import { leaderboardWindows, type LeaderboardWindow } from '../../domain/leaderboard-window';
import { leaderboardKey } from '../leaderboard/boards';
import { standings } from '../leaderboard/standings';
import type { Difference, ReconcileCheck } from './types';

const entry = (window: LeaderboardWindow, score: number | null) =>
  ({ window, xp: score === null ? null : xpFromScore(score), score });

/**
 * Each live board against the SQL ranking (standings()): every player's member score must be exactly
 * leaderboardScore(xp, reached_at) of their standing, and nobody without a standing may be on it.
 * Equal scores and equal members mean an equal ranking: the score carries the tie-break, and Redis
 * orders equal scores by member as standings() orders by user id. Members that are no player at all
 * are found by size: after the last batch, ZCARD must equal the players seen on the board.
 * A board that does not exist at all is a cold cache, not a difference: its first read rebuilds it
 * from Postgres (services/leaderboard/reader.ts).
 */
export const leaderboardCheck: ReconcileCheck = {
  name: 'leaderboard',
  description: 'each live Redis board (all, this week, this month) holds exactly the SQL standings, score for score',
  async batch({ db, redis, keyPrefix }, { userIds, at }, carry) {
    if (userIds.length === 0) return [];
    const differences: Difference[] = [];
    for (const window of leaderboardWindows) {
      if ((await redis.exists(leaderboardKey(keyPrefix, window, at))) === 0) continue; // cold: rebuilt on first read
      const expected = new Map((await standings(db, window, at, { userIds })).map((s) => [s.userId, leaderboardScore(s.xp, s.reachedAt)]));
      const scores = (await redis.zmscore(leaderboardKey(keyPrefix, window, at), userIds)) ?? [];
      userIds.forEach((userId, i) => {
        const actual = scores[i] ?? null;
        const wanted = expected.get(userId) ?? null;
        if (actual !== null) carry[window] = (carry[window] ?? 0) + 1;
        if (actual !== wanted) differences.push({ check: 'leaderboard', user_id: userId, expected: entry(window, wanted), actual: entry(window, actual) });
      });
    }
    return differences;
  },
  async finish({ redis, keyPrefix }, at, carry) {
    const differences: Difference[] = [];
    for (const window of leaderboardWindows) {
      const members = await redis.zcard(leaderboardKey(keyPrefix, window, at));
      if (members === 0) continue; // no board (cold), or an empty one: nothing on it that is no player
      const players = carry[window] ?? 0;
      if (members !== players) {
        differences.push({ check: 'leaderboard', expected: { window, members: players }, actual: { window, members } });
      }
    }
    return differences;
  },
};
