import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateRedis, type PrivateRedis } from './redis-server.ts';
import { deleteRunKeys, deleteStaleRunKeys, runKeyPrefix } from '../setup/run-redis-keys.ts';
import { runId } from '../setup/throwaway-databases.ts';

const HOUR = 60 * 60 * 1000;

// A Redis of the test's own: the shared one holds other runs' keys, which this test must not judge.
let server: PrivateRedis;
let redis: Redis;
beforeAll(async () => {
  server = await privateRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

/** Writes a board, a hash and a private-prefix key under a run's prefix, as a worker test run does. */
async function keysOf(run: string): Promise<string[]> {
  const keys = [`${runKeyPrefix(run)}:lb:all`, `${runKeyPrefix(run)}:players`, `${runKeyPrefix(run)}:rebuild123:lb:all`];
  await redis.zadd(keys[0]!, 10, 'a');
  await redis.hset(keys[1]!, 'a', '{}');
  await redis.set(keys[2]!, 'x');
  return keys;
}

const existing = async (keys: string[]) => (await Promise.all(keys.map((k) => redis.exists(k)))).reduce((a, b) => a + b, 0);

describe('test setup: the Redis keys of test runs', () => {
  it('a run’s teardown deletes every key under its prefix and no other run’s', async () => {
    const [mine, other] = [runId(), runId()];
    const mineKeys = await keysOf(mine);
    const otherKeys = await keysOf(other);
    await redis.set('skillquest:lb:all', 'not a test key');

    expect(await deleteRunKeys(server.url, mine)).toBe(3);
    expect(await existing(mineKeys)).toBe(0);
    expect(await existing(otherKeys)).toBe(3);
    expect(await redis.get('skillquest:lb:all')).toBe('not a test key');
  });

  it('setup deletes the keys of runs older than six hours and leaves a run in progress alone', async () => {
    const killed = runId(Date.now() - 7 * HOUR);
    const running = runId(Date.now() - 5 * 60 * 1000);
    const killedKeys = await keysOf(killed);
    const runningKeys = await keysOf(running);

    expect(await deleteStaleRunKeys(server.url)).toEqual([killed]);
    expect(await existing(killedKeys)).toBe(0);
    expect(await existing(runningKeys)).toBe(3);
  });
});
