import { createMiddleware } from 'hono/factory';
import type { AppBindings } from '../../lib/types';
import { requireAuth } from '../../middleware/auth';

/**
 * For public routes that show more to admins: no Authorization header → anonymous; a header →
 * verified exactly as requireAuth does (a bad or expired token is a 401, never silently anonymous).
 */
export function optionalAuth() {
  const authenticate = requireAuth();
  return createMiddleware<AppBindings>(async function authenticateIfPresent(c, next) {
    if (c.req.header('Authorization') === undefined) return next();
    return authenticate(c, next);
  });
}

