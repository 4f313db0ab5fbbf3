import { Ratelimit } from '@upstash/ratelimit';
import { AppError } from '../lib/app-error';
import { withTimeout } from '../lib/with-timeout';
import type { Redis } from './redis';

export interface RateLimitOptions {
  /** Full Redis key prefix, e.g. `${REDIS_KEY_PREFIX}:rl:login`. */
  prefix: string;
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  success: boolean;
  /** Seconds until the key may try again (≥ 1); meaningful when `success` is false. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  limit(key: string): Promise<RateLimitResult>;
}

const LIMIT_TIMEOUT_MS = 3_000;

/**
 * A token bucket per key (@upstash/ratelimit): `limit` requests, refilled in full every window,
 * counted from the key's own first request. Unlike a fixed or sliding window there is no global
 * boundary, so "the 6th request within a minute is refused" holds exactly.
 *
 * No ephemeral cache: the instance lives for one request, and Redis alone decides.
 * Fails closed: if Redis does not answer, the caller gets a 503, never a free pass.
 */
export function createRateLimiter(redis: Redis, { prefix, limit, windowSeconds }: RateLimitOptions): RateLimiter {
  const ratelimit = new Ratelimit({
    redis,
    prefix,
    limiter: Ratelimit.tokenBucket(limit, `${windowSeconds} s`, limit),
    ephemeralCache: false,
    timeout: 0, // the library's timeout lets requests through; ours below refuses them instead
    analytics: false,
    enableProtection: false,
  });
  return {
    async limit(key) {
      let result: Awaited<ReturnType<typeof ratelimit.limit>>;
      try {
        result = await withTimeout(ratelimit.limit(key), LIMIT_TIMEOUT_MS, 'rate limiter');
      } catch (err) {
        throw new AppError({
          code: 'service_unavailable',
          message: 'Rate limiter unavailable',
          headers: { 'Retry-After': '5' },
          cause: err,
        });
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
      return { success: result.success, retryAfterSeconds };
    },
  };
}

/** Throws the 429 of product.md (with Retry-After) when `key` is over its limit. */
export async function enforceRateLimit(limiter: RateLimiter, key: string, what: string): Promise<void> {
  const { success, retryAfterSeconds } = await limiter.limit(key);
  if (success) return;
  throw new AppError({
    code: 'rate_limited',
    message: `Too many ${what}; retry in ${retryAfterSeconds} s`,
    details: { retry_after_seconds: retryAfterSeconds },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
