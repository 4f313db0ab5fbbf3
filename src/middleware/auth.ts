import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { InvalidTokenError, verifyAccessToken } from '../auth/access-token';
import { AppError } from '../lib/app-error';
import { bearerSecurity } from '../lib/openapi';
import type { AppBindings, AuthUser } from '../lib/types';
import { currentRole } from '../services/user-role';

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

/**
 * Verifies an access token (a bad one is a 401) and answers its user. A token's role claim is as
 * old as the token, so a claim of admin is checked against the database (one primary-key lookup):
 * a demoted admin is a player from the next request on, and a deleted user is a 401. Player tokens
 * cost no lookup; a promotion shows at the next refresh.
 */
export async function authenticate(c: Context<AppBindings>, token: string): Promise<AuthUser> {
  let user: AuthUser;
  try {
    user = await verifyAccessToken(c.var.config, token);
  } catch (err) {
    if (err instanceof InvalidTokenError) throw unauthorized(err.message);
    throw err;
  }
  if (user.role !== 'admin') return user;
  const role = await currentRole(c.var.services.db, user.id);
  if (!role) throw unauthorized('User no longer exists');
  return { id: user.id, role };
}

/** Requires a valid access token; puts `{ id, role }` on `c.var.user`. */
export function requireAuth() {
  return createMiddleware<AppBindings>(async function authenticateBearer(c, next) {
    c.set('user', await authenticate(c, bearerToken(c)));
    await next();
  });
}

/** Requires an admin (use after requireAuth, whose role comes from the database for admin claims). */
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
