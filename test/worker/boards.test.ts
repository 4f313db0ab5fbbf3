import { describe, expect, it } from 'vitest';
import { leaderboardScore } from '../../src/domain/leaderboard-score';
import type { LeaderboardWindow } from '../../src/domain/leaderboard-window';
import { createLeaderboard, leaderboardKey, type BoardTotal } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { config, unique } from './helpers';

const redis = createRedis(config);

// Each test its own key prefix (below the run's, so the run's teardown deletes it): a board of its own.
function privateBoard() {
  const prefix = `${config.REDIS_KEY_PREFIX}:${unique('boards')}`;
  const at = new Date();
  const score = (window: LeaderboardWindow, userId: string) => redis.zscore(leaderboardKey(prefix, window, at), userId);
  return { board: createLeaderboard(redis, prefix), prefix, at, score };
}

const player = { username: 'gt_player', level: 3 };
const newer = { xp: 500, reachedAt: new Date('2026-11-20T12:00:10Z') };
const older = { xp: 300, reachedAt: new Date('2026-11-20T12:00:00Z') };

describe('the boards keep the higher total whatever order totals are written in (ZADD GT)', () => {
  it('recordMany: an older, lower total written after a higher one leaves the higher one, in every window', async () => {
    const { board, at, score } = privateBoard();
    const userId = crypto.randomUUID();
    const totals = (t: typeof newer) => (['all', 'week', 'month'] as const).map((window) => ({ window, ...t }));
    await board.recordMany([{ userId, totals: totals(newer), player }], at);
    await board.recordMany([{ userId, totals: totals(older), player }], at);
    for (const window of ['all', 'week', 'month'] as const) {
      expect(await score(window, userId), window).toBe(leaderboardScore(newer.xp, newer.reachedAt));
    }
    expect(await board.range('all', 0, 1, at)).toEqual([{ userId, xp: 500, rank: 1 }]);
    expect(await board.rank('all', userId, at)).toBe(1);

    // A higher total still replaces it.
    await board.recordMany([{ userId, totals: [{ window: 'all', xp: 700, reachedAt: new Date('2026-11-20T12:01:00Z') }], player }], at);
    expect(await board.range('all', 0, 1, at)).toEqual([{ userId, xp: 700, rank: 1 }]);
  });

  it('record: the same for one player', async () => {
    const { board, at, score } = privateBoard();
    const userId = crypto.randomUUID();
    await board.record(userId, [{ window: 'all', ...newer }], at);
    await board.record(userId, [{ window: 'all', ...older }], at);
    expect(await score('all', userId)).toBe(leaderboardScore(newer.xp, newer.reachedAt));
  });

  it('merge (a rebuild catching up): an older, lower total does not lower a board that has moved on', async () => {
    const { board, at, score } = privateBoard();
    const [ahead, behind] = [crypto.randomUUID(), crypto.randomUUID()];
    const rows = (t: typeof newer, u: string): BoardTotal => ({ userId: u, ...t, ...player });
    await board.merge('week', [rows(newer, ahead)], at);
    await board.merge('week', [rows(older, ahead), rows(older, behind)], at);
    expect(await score('week', ahead)).toBe(leaderboardScore(newer.xp, newer.reachedAt));
    expect(await score('week', behind)).toBe(leaderboardScore(older.xp, older.reachedAt)); // new members are added
  });

  it('replace (a whole rebuild from Postgres) is the one write that may lower a total', async () => {
    const { board, at, score } = privateBoard();
    const userId = crypto.randomUUID();
    await board.recordMany([{ userId, totals: [{ window: 'all', ...newer }], player }], at);
    await board.replace('all', [{ userId, ...older, ...player }], at);
    expect(await score('all', userId)).toBe(leaderboardScore(older.xp, older.reachedAt));
  });
});

describe('past windows expire, all-time does not', () => {
  it('a weekly board lives 15 days, a monthly one 70, the all-time board for ever', async () => {
    const { board, at, prefix } = privateBoard();
    const userId = crypto.randomUUID();
    await board.recordMany([{ userId, totals: (['all', 'week', 'month'] as const).map((window) => ({ window, ...newer })), player }], at);
    const ttl = (window: LeaderboardWindow) => redis.ttl(leaderboardKey(prefix, window, at));
    expect(await ttl('all')).toBe(-1);
    expect(await ttl('week')).toBeGreaterThan(15 * 86_400 - 60);
    expect(await ttl('week')).toBeLessThanOrEqual(15 * 86_400);
    expect(await ttl('month')).toBeGreaterThan(70 * 86_400 - 60);
    expect(await ttl('month')).toBeLessThanOrEqual(70 * 86_400);
  });
});
