import { createMiddleware } from 'hono/factory';
import type { AppBindings } from '../lib/types';

/** JSON and text answers load nothing and may be framed by nobody; a page sets its own policy. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const ALWAYS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy': API_CSP,
};

/**
 * Security headers on every response the worker makes, errors included (the static page gets the
 * same from public/_headers). Set after the handler, and only where it set none of its own.
 */
export function securityHeaders() {
  return createMiddleware<AppBindings>(async function setSecurityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(ALWAYS)) if (!headers.has(name)) headers.set(name, value);
    if (new URL(c.req.url).protocol === 'https:' && !headers.has('Strict-Transport-Security')) {
      headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
  });
}

/** Responses that carry tokens (or what a token unlocks): no cache anywhere keeps them (RFC 6749 §5.1). */
export function noStore() {
  return createMiddleware<AppBindings>(async function forbidCaching(c, next) {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Pragma', 'no-cache');
  });
}
