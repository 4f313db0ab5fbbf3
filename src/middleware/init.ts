import { createMiddleware } from 'hono/factory';
import { AppError } from '../lib/app-error';
import { ConfigError, configFromEnv, type Config } from '../lib/config';
import type { AppBindings } from '../lib/types';
import { createServices } from '../services';

/** Puts the config and this request's services on the context, and closes them after the response. */
export function init() {
  return createMiddleware<AppBindings>(async function initServices(c, next) {
    const config = configOrUnavailable(c.env);
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

/** A deployment that can't run (e.g. a published JWT secret in production) answers 503, never serves. */
function configOrUnavailable(env: Env): Config {
  try {
    return configFromEnv(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new AppError({
      code: 'service_unavailable',
      message: 'The service is misconfigured and refuses to serve; its log names the setting',
      headers: { 'Retry-After': '300' },
      cause: err,
    });
  }
}
