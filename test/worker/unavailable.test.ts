import { describe, expect, it } from 'vitest';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';
import { errorOf } from './helpers';

// Nothing listens on port 1: a real, unreachable Postgres behind the Neon driver.
const DEAD_POSTGRES: Partial<Env> = { NEON_WS_PROXY: '127.0.0.1:1/v2' };

describe('a backing service that is down is a 503 with Retry-After, never a 500', () => {
  it.each(['/challenges', '/badges', '/users/00000000-0000-4000-8000-000000000000/progress', '/leaderboard'])(
    'Postgres down: GET %s',
    async (path) => {
      const res = await apiWithEnv(DEAD_POSTGRES, path);
      expect(res.status).toBe(503);
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(errorOf(res)).toMatchObject({ code: 'service_unavailable' });
    },
  );

  it('Redis down: the leaderboard still answers (from Postgres)', async () => {
    const res = await apiWithEnv(DEAD_REDIS, '/leaderboard');
    expect(res.status).toBe(200);
  });
});
