import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { pgError } from '../db/pg-errors';
import { AppError, codeForStatus, type ErrorCode } from './app-error';
import { describeError, log } from './logger';
import type { AppBindings } from './types';
import { isServiceUnavailable } from './unavailable';

function errorBody(c: Context<AppBindings>, code: ErrorCode, message: string, details?: unknown) {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      request_id: c.get('requestId') ?? 'unknown',
    },
  };
}

export function errorResponse(
  c: Context<AppBindings>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return c.json(errorBody(c, code, message, details), status);
}

/** SQLSTATE class 22 (data exception): a value Postgres refuses, e.g. NUL in text or an impossible date. */
const isDataException = (err: unknown) => pgError(err)?.code.startsWith('22') === true;

/**
 * AppError first, then Hono's own HTTPExceptions (e.g. body limit), then an unreachable database or
 * cache as a 503 with Retry-After, then a value Postgres refused as a 422 (validation should have
 * caught it: logged), then anything unknown as a logged 500.
 */
export function onError(err: Error, c: Context<AppBindings>) {
  if (err instanceof AppError) {
    for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
    return errorResponse(c, err.status as ContentfulStatusCode, err.code, err.message, err.details);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status === 415) return unsupportedMediaType(c);
    return errorResponse(c, status, codeForStatus(status), err.message || 'Request failed');
  }
  if (isServiceUnavailable(err)) {
    log.warn('service_unavailable', { request_id: c.get('requestId'), path: c.req.path, ...describeError(err) });
    c.header('Retry-After', '5');
    return errorResponse(c, 503, 'service_unavailable', 'A backing service is unavailable; retry shortly');
  }
  if (isDataException(err)) {
    log.warn('data_exception', { request_id: c.get('requestId'), path: c.req.path, sqlstate: pgError(err)?.code, ...describeError(err) });
    return errorResponse(c, 422, 'validation_failed', 'A value in the request cannot be stored');
  }
  log.error('unhandled_error', { request_id: c.get('requestId'), path: c.req.path, ...describeError(err) });
  return errorResponse(c, 500, 'internal_error', 'Something went wrong on our side');
}

/** The router's bare "Unsupported Media Type", with what to send instead. */
function unsupportedMediaType(c: Context<AppBindings>) {
  const sent = c.req.header('Content-Type');
  const what = sent ? `Content-Type ${sent.split(';')[0]} is not accepted` : 'The body has no Content-Type';
  return errorResponse(c, 415, 'unsupported_media_type', `${what}: send a JSON body with the header "Content-Type: application/json"`);
}

export function notFound(c: Context<AppBindings>) {
  return errorResponse(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}`);
}
