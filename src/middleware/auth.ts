import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { InvalidTokenError, verifyAccessToken } from '../auth/access-token';
import { AppError } from '../lib/app-error';
import { bearerSecurity } from '../lib/openapi';
import type { AppBindings } from '../lib/types';

const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/;

/** The 401 of every route that needs a token, with the challenge header RFC 6750 asks for. */
export function unauthorized(message: string) {
  return new AppError({ code: 'unauthorized', message, headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** The bearer token of a request; a missing or malformed Authorization header is a 401. */
export function bearerToken(c: Context<AppBindings>): string {
  const header = c.req.header('Authorization');
  if (!header) throw unauthorized('Missing bearer token');
  const match = BEARER.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <access token>"');
  return match[1];
}

/** Requires a valid access token; puts `{ id, role }` on `c.var.user`. */
export function requireAuth() {
  return createMiddleware<AppBindings>(async function authenticate(c, next) {
    try {
      c.set('user', await verifyAccessToken(c.var.config, bearerToken(c)));
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

/** Spread into a createRoute: the route needs an access token (OpenAPI security + middleware). */
export const authed = { security: bearerSecurity, middleware: [requireAuth()] };
/** Spread into a createRoute: the route needs an admin's access token. */
export const adminOnly = { security: bearerSecurity, middleware: [requireAuth(), requireAdmin()] };
/** Spread into a createRoute: a token is optional and, when sent, must be valid. */
export const maybeAuthed = { security: [{}, ...bearerSecurity], middleware: [optionalAuth()] };
