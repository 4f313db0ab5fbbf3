import type { Context } from 'hono';
import type { AppBindings } from '../../lib/types';
import { createRateLimiter, enforceRateLimit } from '../../services/rate-limiter';

/** Cloudflare sets CF-Connecting-IP on every request that reaches a Worker. */
export function clientIp(c: Context<AppBindings>): string {
  return c.req.header('CF-Connecting-IP')?.trim() || 'unknown';
}

function limiter(c: Context<AppBindings>, name: string, limit: number, windowSeconds: number) {
  const prefix = `${c.var.config.REDIS_KEY_PREFIX}:rl:${name}`;
  return createRateLimiter(c.var.services.redis, { prefix, limit, windowSeconds });
}

/**
 * Every attempt counts, successful or not, and is counted before the password is checked: counting
 * only failures would need a check-then-count that parallel guesses slip through, and a correct
 * login is not worth an exception to a limit this generous.
 */
export function limitLoginAttempts(c: Context<AppBindings>, login: string): Promise<void> {
  const key = `${login.toLowerCase()}|${clientIp(c)}`;
  return enforceRateLimit(limiter(c, 'login', c.var.config.LOGINS_PER_MINUTE, 60), key, 'login attempts');
}

export function limitRegistrations(c: Context<AppBindings>): Promise<void> {
  const registrations = limiter(c, 'register', c.var.config.REGISTRATIONS_PER_HOUR, 3600);
  return enforceRateLimit(registrations, clientIp(c), 'registrations from this address');
}

/** Guessing the current password through PATCH /auth/me is limited like a login. */
export function limitPasswordChecks(c: Context<AppBindings>, userId: string): Promise<void> {
  const checks = limiter(c, 'password-check', c.var.config.LOGINS_PER_MINUTE, 60);
  return enforceRateLimit(checks, userId, 'password checks');
}
