import type { Context } from 'hono';
import type { RouterRoute } from 'hono/types';
import { errorResponse, notFound } from './error-handler';
import type { AppBindings } from './types';

interface MethodPattern {
  method: string;
  pattern: RegExp;
}

/** A Hono route path as a regex of the whole path: `:name` is one segment, `*` anything. */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+(?:\{[^}]*\})?\??|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function allowedMethods(patterns: MethodPattern[], path: string): string[] {
  const methods = new Set(patterns.filter((p) => p.pattern.test(path)).map((p) => p.method));
  if (methods.has('GET')) methods.add('HEAD'); // Hono answers HEAD with the GET handler
  return [...methods].sort();
}

/**
 * The app's fallback: a path no route has is a 404; a path that exists for other methods is a 405 with
 * `Allow` listing them, so a client sees it used the wrong method rather than the wrong address.
 * `routes` is read on the first miss, when every router has been mounted.
 */
export function notFoundOrMethodNotAllowed(routes: () => RouterRoute[]) {
  let patterns: MethodPattern[] | undefined;
  return function routeMissing(c: Context<AppBindings>) {
    patterns ??= routes()
      .filter((route) => route.method !== 'ALL') // middleware, not endpoints
      .map((route) => ({ method: route.method, pattern: pathPattern(route.path) }));
    const allowed = allowedMethods(patterns, c.req.path);
    if (allowed.length === 0 || allowed.includes(c.req.method)) return notFound(c);
    c.header('Allow', allowed.join(', '));
    return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`);
  };
}
