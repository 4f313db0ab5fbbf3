import { Redis } from '@upstash/redis/cloudflare';

/** The Upstash REST client: Upstash in production, the local gateway in dev and tests. */
/** Config's Redis settings, spelled out: Node tools (scripts/reconcile.ts) use this client without the worker's Env. */
interface RedisConfig {
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
}

/**
 * `parseReplies: false` leaves each reply string as Redis sent it, where the client would otherwise try
 * JSON.parse on every one (and throw and catch for each id that is not JSON): for hot reads that
 * convert what they read themselves.
 */
export function createRedis(config: RedisConfig, { parseReplies = true }: { parseReplies?: boolean } = {}): Redis {
  const key = `${config.UPSTASH_REDIS_REST_URL}\n${config.UPSTASH_REDIS_REST_TOKEN}\n${parseReplies}`;
  let redis = clients.get(key);
  if (!redis) {
    redis = new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      // Two quick retries: a request should fall back (or fail fast) rather than hang on a dead cache.
      retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
      enableTelemetry: false,
      // Every value we keep is text (ids, names, numbers, JSON): no base64 round trip of each reply string.
      responseEncoding: false,
      automaticDeserialization: parseReplies,
    });
    clients.set(key, redis);
  }
  return redis;
}

/** One client per Upstash database for the isolate's life: a REST client holds no connection, each command is a fetch. */
const clients = new Map<string, Redis>();

export type { Redis };
