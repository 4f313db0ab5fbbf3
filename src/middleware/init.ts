import { createMiddleware } from 'hono/factory';
import { configFromEnv } from '../lib/config';
import type { AppBindings } from '../lib/types';
import { createServices } from '../services';

/** Puts the config and this request's services on the context, and closes them after the response. */
export function init() {
  return createMiddleware<AppBindings>(async function initServices(c, next) {
    const config = configFromEnv(c.env);
    const scope = createServices(config, c.env);
    c.set('config', config);
    c.set('services', scope.services);
    try {
      await next();
    } finally {
      const closing = scope.dispose().catch(() => {});
      try {
        c.executionCtx.waitUntil(closing);
      } catch {
        await closing; // no ExecutionContext (e.g. app.request() in a unit test)
      }
    }
  });
}
