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
 * The first thing a login does: past this, one Redis call is all a flood of made-up usernames from
 * one address costs (no lookup, no password hash).
 */
export function limitLoginsFromIp(c: Context<AppBindings>): Promise<void> {
  const logins = limiter(c, 'login-ip', c.var.config.LOGINS_PER_IP_PER_MINUTE, 60);
  return enforceRateLimit(logins, clientIp(c), 'login attempts from this address');
}

/**
 * Per account and IP, and per account from every IP. `account` is the resolved user id (or the
 * folded name when no account has it), so no other spelling of an account's username or its email
 * gets a budget of its own.
 *
 * Every attempt counts, successful or not, and is counted before the password is checked: counting
 * only failures would need a check-then-count that parallel guesses slip through, and a correct
 * login is not worth an exception to a limit this generous.
 */
export async function limitLoginsOfAccount(c: Context<AppBindings>, account: string): Promise<void> {
  const { LOGINS_PER_MINUTE, LOGINS_PER_ACCOUNT_PER_HOUR } = c.var.config;
  await Promise.all([
    enforceRateLimit(limiter(c, 'login', LOGINS_PER_MINUTE, 60), `${account}|${clientIp(c)}`, 'login attempts'),
    enforceRateLimit(limiter(c, 'login-account', LOGINS_PER_ACCOUNT_PER_HOUR, 3600), account, 'login attempts for this account'),
  ]);
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
