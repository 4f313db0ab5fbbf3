import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { log } from '../lib/logger';
import type { AppBindings } from '../lib/types';
import { createHttpMetrics, type RequestSample } from '../services/http-metrics';

/**
 * The route template the request matched (`/challenges/:id`), wherever it was answered (a middleware
 * that refused it included); `unmatched` when no route did (404s of unknown paths, so they can't
 * make one series per path).
 */
function routeOf(c: Context<AppBindings>): string {
  const route = routePath(c, -1);
  return route === '' || route.endsWith('*') ? 'unmatched' : route;
}

/**
 * Adds the request to the HTTP metrics after the response is sent (waitUntil): one pipelined Redis
 * request, never on the response path. Skipped when the configuration is unusable (no Redis to write to).
 */
function countRequest(c: Context<AppBindings>, sample: RequestSample): void {
  const config = c.get('config');
  const services = c.get('services');
  if (!config?.HTTP_METRICS_ENABLED || !services) return;
  const write = createHttpMetrics(services.redis, config.REDIS_KEY_PREFIX)
    .record(sample)
    .catch((err: unknown) => log.warn('http_metrics_write_failed', { error_message: err instanceof Error ? err.message : String(err) }));
  try {
    c.executionCtx.waitUntil(write);
  } catch {
    // no ExecutionContext (app.request() in a unit test): the write finishes on its own
  }
}

/** One JSON line per request (id, method, matched route, status, duration), and its HTTP metrics. */
export function requestLog() {
  return createMiddleware<AppBindings>(async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeOf(c);
    log.info('request', {
      request_id: c.get('requestId'),
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round(seconds * 10_000) / 10,
    });
    countRequest(c, { method: c.req.method, route, status: c.res.status, seconds });
  });
}
