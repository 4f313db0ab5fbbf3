import { Redis } from '@upstash/redis/cloudflare';
import type { Config } from '../lib/config';

/** The Upstash REST client: Upstash in production, the local gateway in dev and tests. */
export function createRedis(config: Pick<Config, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>): Redis {
  return new Redis({
    url: config.UPSTASH_REDIS_REST_URL,
    token: config.UPSTASH_REDIS_REST_TOKEN,
    // Two quick retries: a request should fall back (or fail fast) rather than hang on a dead cache.
    retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    enableTelemetry: false,
  });
}

export type { Redis };
