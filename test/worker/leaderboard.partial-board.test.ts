import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema';
import { completeKey, leaderboardKey } from '../../src/services/leaderboard/boards';
import { playersKey } from '../../src/services/leaderboard/players';
import { createRedis } from '../../src/services/redis';
import { createChallenge, deliverWithEnv, submitAttempt } from './award-helpers';
import { apiWithEnv } from './env-helpers';
import { config, createUser, openDb, unique } from './helpers';
import { award } from './pipeline-helpers';

const handle = openDb();
const redis = createRedis(config);
afterAll(() => handle.close());

type Entry = { user_id: string; total_xp: number; rank: number };

describe('a board that Redis lost and an award refilled in part', () => {
  it('is rebuilt on the next read: players with no award since the loss are back on it', async () => {
    // A private key prefix: "losing" the shared board would pull it from under other test files.
    const env = { REDIS_KEY_PREFIX: `${config.REDIS_KEY_PREFIX}:${unique('partial')}` };
    const prefix = env.REDIS_KEY_PREFIX;
    const [active, idle] = await Promise.all([createUser(handle), createUser(handle)]);
    const earn = async (player: typeof active, xp: number) =>
      deliverWithEnv(env, award(await submitAttempt(player.token, (await createChallenge(handle, { xp })).id, 100)));
    await earn(active, 9_600);
    await earn(idle, 9_700);
    expect((await apiWithEnv(env, '/leaderboard?limit=100')).status).toBe(200); // built, and marked whole

    // Redis loses its data (a restart without persistence, a flush) …
    const now = new Date();
    await redis.del(leaderboardKey(prefix, 'all', now), completeKey(prefix, 'all', now), playersKey(prefix));
    // … and an award is published before anyone reads: the board holds one player and looks whole.
    await earn(active, 9_800);
    expect(await redis.zcard(leaderboardKey(prefix, 'all', now))).toBe(1);

    // Other files' players may outrank these two, so each is read around itself.
    const rows = await handle.db.select().from(users).where(inArray(users.id, [active.id, idle.id]));
    for (const row of rows) {
      const around = await apiWithEnv(env, `/leaderboard/around/${row.id}?radius=1`);
      expect(around.headers.get('X-Leaderboard-Source')).toBe('redis');
      expect(around.json.rank, row.username).toBeGreaterThanOrEqual(1);
      expect((around.json.entries as Entry[]).find((e) => e.user_id === row.id)?.total_xp, row.username).toBe(row.totalXp);
    }
    expect(await redis.exists(completeKey(prefix, 'all', now))).toBe(1);
  });
});
