import { createMiddleware } from 'hono/factory';
import { InvalidTokenError, verifyAccessToken } from '../auth/access-token';
import { AppError } from '../lib/app-error';
import type { AppBindings } from '../lib/types';

const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;

function unauthorized(message: string) {
  return new AppError({ code: 'unauthorized', message, headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** Requires a valid access token; puts `{ id, role }` on `c.var.user`. */
export function requireAuth() {
  return createMiddleware<AppBindings>(async function authenticate(c, next) {
    const header = c.req.header('Authorization');
    if (!header) throw unauthorized('Missing bearer token');
    const match = BEARER.exec(header);
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <access token>"');
    try {
      c.set('user', await verifyAccessToken(c.var.config, match[1]));
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthorized(err.message);
      throw err;
    }
    await next();
  });
}

/** Requires an admin access token (use after requireAuth). */
export function requireAdmin() {
  return createMiddleware<AppBindings>(async function authorizeAdmin(c, next) {
    if (c.var.user?.role !== 'admin') throw new AppError({ code: 'forbidden', message: 'Admin role required' });
    await next();
  });
}
