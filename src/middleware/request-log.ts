import { createMiddleware } from 'hono/factory';
import { log } from '../lib/logger';
import type { AppBindings } from '../lib/types';

/** One JSON line per request: id, method, matched route, status and duration. */
export function requestLog() {
  return createMiddleware<AppBindings>(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    log.info('request', {
      request_id: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
