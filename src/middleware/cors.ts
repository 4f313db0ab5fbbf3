import type { Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppBindings } from '../lib/types';

/**
 * CORS for the origins in CORS_ORIGINS only (none by default): a preflight is answered with 204, and
 * an origin off the list gets no Access-Control-Allow-Origin, so its browser withholds the answer.
 * No credentials: the API authenticates with bearer tokens, never cookies.
 * Runs after `init`, whose config it reads.
 */
export function corsFromConfig() {
  return cors({
    origin: (origin, c: Context<AppBindings>) => (c.var.config.CORS_ORIGINS.includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Retry-After', 'X-Request-Id', 'X-Leaderboard-Source'],
    maxAge: 600,
  });
}
