/** The local stack the bench runs against: its own database, Redis key prefix and loose limits. */
import { Redis } from 'ioredis';
import { startDevStack, type Stack } from '../../test/e2e/stack.ts';
import { throwawayDatabase } from '../../test/setup/throwaway-databases.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379/12';
/** The gateway's Upstash token: scripts/dev.ts's default. */
export const GATEWAY_TOKEN = 'local-dev-token';
/** startDevStack's cheap hash setting (registering hundreds of players must not take minutes). */
export const STACK_HASH_PARAMS = '1024,1,1';

export interface BenchStack extends Stack {
  databaseUrl: string;
  redisPrefix: string;
}

export function newRedisPrefix(label: string): string {
  return `sqbench:${label}:${Date.now().toString(36)}`;
}

/** Limits high enough that the load itself is measured, not the 429s. */
const LOOSE_LIMITS = { REGISTRATIONS_PER_HOUR: '1000000', LOGINS_PER_MINUTE: '1000000', SUBMISSIONS_PER_MINUTE: '1000000', STARTS_PER_MINUTE: '1000000' };

/** `edgeCache: false` measures the origin path: what a cache miss, and every caller with a token, costs. */
export async function startBenchStack(databaseUrl: string, redisPrefix: string, rttMs = 0, { edgeCache = false } = {}): Promise<BenchStack> {
  const stack = await startDevStack({
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    UPSTASH_REDIS_REST_TOKEN: GATEWAY_TOKEN,
    PASSWORD_HASH_PARAMS: STACK_HASH_PARAMS,
    GATEWAY_RTT_MS: String(rttMs),
    ...(edgeCache ? {} : { EDGE_CACHE_LEADERBOARD_SECONDS: '0', EDGE_CACHE_CHALLENGES_SECONDS: '0' }),
    // The request path only: the HTTP metrics' one Redis request per HTTP request comes after the response,
    // and would land in the round-trip counts of whichever request is measured next.
    HTTP_METRICS_ENABLED: 'false',
    // As deployed: no DevTools inspector attached, which would serialise every console line (scripts/dev.ts).
    WRANGLER_INSPECTOR: 'off',
    ...LOOSE_LIMITS,
  });
  return { ...stack, databaseUrl, redisPrefix };
}

/** A throwaway database and key prefix, removed by the returned cleanup (stacks must be stopped first). */
export function benchStorage(label: string) {
  const database = throwawayDatabase(`bench${label}`);
  const redisPrefix = newRedisPrefix(label);
  return {
    databaseUrl: database.url,
    redisPrefix,
    async remove() {
      await database.drop();
      await deleteKeys(redisPrefix);
    },
  };
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
