import { createRequire } from 'node:module';
import type * as IORedis from 'ioredis';
import type { Redis as RedisClient } from 'ioredis';
import { isStaleRun } from './throwaway-databases.ts';

// Node's own resolution: the worker project's global setup resolves imports with worker conditions,
// which would not hand over ioredis's Node build (see spawn-gateway.ts).
const { Redis } = createRequire(import.meta.url)('ioredis') as typeof IORedis;

/** Every worker test run writes under `sqtest:<run id>` (REDIS_KEY_PREFIX), private prefixes below it included. */
const TEST_KEYS = 'sqtest';
export const runKeyPrefix = (run: string) => `${TEST_KEYS}:${run}`;

/** Runs `use` on a short-lived connection to the tests' Redis database. */
async function withRedis<T>(url: string, use: (redis: RedisClient) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** SCANs the keys matching `pattern` (never KEYS: other runs share the database) and deletes those `chosen`. */
async function deleteScanned(redis: RedisClient, pattern: string, chosen: (key: string) => boolean = () => true): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    const doomed = keys.filter(chosen);
    if (doomed.length > 0) deleted += await redis.unlink(...doomed);
  } while (cursor !== '0');
  return deleted;
}

/** Deletes one run's keys (its teardown), as the run's throwaway database is dropped. */
export function deleteRunKeys(url: string, run: string): Promise<number> {
  return withRedis(url, (redis) => deleteScanned(redis, `${runKeyPrefix(run)}:*`));
}

/**
 * Deletes the keys of runs killed before their teardown (older than the stale age of their
 * databases); runs in progress, whose ids are younger, keep theirs. Returns the runs cleaned.
 */
export function deleteStaleRunKeys(url: string, now = Date.now()): Promise<string[]> {
  return withRedis(url, async (redis) => {
    const runs = new Set<string>();
    const stale = (key: string) => {
      const run = key.split(':')[1] ?? '';
      if (!isStaleRun(run, now)) return false;
      runs.add(run);
      return true;
    };
    await deleteScanned(redis, `${TEST_KEYS}:*`, stale);
    return [...runs];
  });
}
