import { describe, expect, it } from 'vitest';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';
import { createLeaderboard } from '../../src/services/leaderboard/boards';
import { createRedis } from '../../src/services/redis';
import { config, errorOf } from './helpers';

// Nothing listens on port 1: a real, unreachable Postgres behind the Neon driver.
const DEAD_POSTGRES: Partial<Env> = { NEON_WS_PROXY: '127.0.0.1:1/v2' };

// A key prefix of its own: an empty board, which only Postgres could fill.
const NO_BOARD: Partial<Env> = { REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:unavailable:${crypto.randomUUID()}` };

describe('a backing service that is down is a 503 with Retry-After, never a 500', () => {
  it.each(['/challenges', '/badges', '/users/00000000-0000-4000-8000-000000000000/progress', '/leaderboard'])(
    'Postgres down: GET %s',
    async (path) => {
      const res = await apiWithEnv({ ...DEAD_POSTGRES, ...NO_BOARD }, path);
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(errorOf(res)).toMatchObject({ code: 'service_unavailable' });
    },
  );

  it('Postgres down: the leaderboard still answers from Redis alone while the board is there', async () => {
    const prefix = `${config.REDIS_KEY_PREFIX}:unavailable:${crypto.randomUUID()}`;
    const now = new Date();
    const userId = crypto.randomUUID();
    await createLeaderboard(createRedis(config), prefix).recordMany(
      [{ userId, totals: [{ window: 'all', xp: 250, reachedAt: now }], player: { username: 'redis_only', level: 2 } }],
      now,
    );
    const res = await apiWithEnv({ ...DEAD_POSTGRES, REDIS_KEY_PREFIX: prefix }, '/leaderboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect(res.json.entries).toEqual([{ rank: 1, user_id: userId, username: 'redis_only', total_xp: 250, level: 2 }]);
  });

  it('Redis down: the leaderboard still answers (from Postgres)', async () => {
    const res = await apiWithEnv(DEAD_REDIS, '/leaderboard');
    expect(res.status).toBe(200);
  });
});
