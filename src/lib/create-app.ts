import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { corsFromConfig } from '../middleware/cors';
import { init } from '../middleware/init';
import { requestLog } from '../middleware/request-log';
import { securityHeaders } from '../middleware/security-headers';
import { AppError } from './app-error';
import { onError } from './error-handler';
import { notFoundOrMethodNotAllowed } from './method-not-allowed';
import type { AppBindings } from './types';
import { validationHook } from './validation-hook';

/** Largest request body we accept: a 64 KiB solution plus its metadata, with room to spare. */
export const MAX_BODY_BYTES = 128 * 1024;

export function createRouter() {
  return new OpenAPIHono<AppBindings>({ strict: false, defaultHook: validationHook });
}

export function createApp() {
  const app = createRouter();
  app.use(requestId());
  app.use(requestLog());
  app.use(securityHeaders());
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError({ code: 'payload_too_large', message: `Request body exceeds ${MAX_BODY_BYTES} bytes` });
      },
    }),
  );
  app.use(init());
  app.use(corsFromConfig());
  app.onError(onError);
  app.notFound(notFoundOrMethodNotAllowed(() => app.routes));
  return app;
}
