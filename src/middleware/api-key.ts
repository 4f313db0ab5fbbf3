import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { hashApiKeySecret } from '../auth/api-key';
import { API_KEY_PREFIX, hasScope, looksLikeApiKey } from '../domain/api-keys';
import { AppError } from '../lib/app-error';
import { bearerSecurity } from '../lib/openapi';
import type { AppBindings } from '../lib/types';
import { useApiKey } from '../services/api-keys';
import { createRateLimiter, enforceRateLimit } from '../services/rate-limiter';
import { requireAdmin, requireAuth, unauthorized } from './auth';

/** The API key a request presents (`X-Api-Key`, or `Authorization: Bearer sq_live_…`), if any. */
function presentedKey(c: Context<AppBindings>): string | undefined {
  const header = c.req.header('X-Api-Key');
  if (header !== undefined) return header.trim();
  const authorization = c.req.header('Authorization');
  if (authorization?.startsWith(`Bearer ${API_KEY_PREFIX}`)) return authorization.slice('Bearer '.length).trim();
  return undefined;
}

/** Verifies the key (unknown, revoked or expired: 401), its scope (403) and its rate limit (429); sets `c.var.apiKey`. */
async function authenticateKey(c: Context<AppBindings>, secret: string, scope: string): Promise<void> {
  if (!looksLikeApiKey(secret)) throw unauthorized('Malformed API key');
  const key = await useApiKey(c.var.services.db, await hashApiKeySecret(secret));
  if (!key) throw unauthorized('Unknown, revoked or expired API key');
  if (!hasScope(key.scopes, scope)) throw new AppError({ code: 'forbidden', message: `This API key lacks the scope ${scope}` });
  const { config } = c.var;
  const limiter = createRateLimiter(c.var.services.redis, {
    prefix: `${config.REDIS_KEY_PREFIX}:rl:apikey`,
    limit: config.API_KEY_REQUESTS_PER_MINUTE,
    windowSeconds: 60,
  });
  await enforceRateLimit(limiter, key.id, 'requests with this API key');
  c.set('apiKey', key);
}

/** Routes only a server calls: an API key with `scope`; an access token is not enough. */
export function requireApiKey(scope: string) {
  return createMiddleware<AppBindings>(async function authenticateApiKey(c, next) {
    const secret = presentedKey(c);
    if (secret === undefined) throw unauthorized(`API key required (Authorization: Bearer ${API_KEY_PREFIX}… or X-Api-Key)`);
    await authenticateKey(c, secret, scope);
    await next();
  });
}

/** Routes for an admin's access token or an API key with `scope`. */
export function requireAdminOrApiKey(scope: string) {
  const [authenticate, authorize] = [requireAuth(), requireAdmin()];
  return createMiddleware<AppBindings>(async function authenticateAdminOrKey(c, next) {
    const secret = presentedKey(c);
    if (secret !== undefined) {
      await authenticateKey(c, secret, scope);
      return next();
    }
    await authenticate(c, async () => {
      await authorize(c, next);
    });
  });
}

/** Security requirements of the key schemes, with the scope a route needs (OpenAPI 3.1 allows scopes on any scheme). */
export function apiKeySecurity(scope: string): Array<Record<string, string[]>> {
  return [{ apiKey: [scope] }, { apiKeyHeader: [scope] }];
}

/** Spread into a createRoute: an API key with `scope`. */
export const withApiKey = (scope: string) => ({ security: apiKeySecurity(scope), middleware: [requireApiKey(scope)] });

/** Spread into a createRoute: an admin's access token, or an API key with `scope`. */
export const adminOrApiKey = (scope: string) => ({
  security: [...bearerSecurity, ...apiKeySecurity(scope)],
  middleware: [requireAdminOrApiKey(scope)],
});
