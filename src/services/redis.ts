import { Redis } from '@upstash/redis/cloudflare';

/** The Upstash REST client: Upstash in production, the local gateway in dev and tests. */
/** Config's Redis settings, spelled out: Node tools (scripts/reconcile.ts) use this client without the worker's Env. */
interface RedisConfig {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

export function createRedis(config: RedisConfig): Redis {
  return new Redis({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    // Two quick retries: a request should fall back (or fail fast) rather than hang on a dead cache.
    retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    enableTelemetry: false,
    // Every value we keep is text (ids, names, numbers, JSON): no base64 round trip of each reply string.
    responseEncoding: false,
  });
}

export type { Redis };
