import { z } from '@hono/zod-openapi';
import { errorStatus, type ErrorCode } from './app-error';

/** The route toolkit: what every resource's routes and schemas share. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
      request_id: z.string(),
    }),
  })
  .openapi('Error', {
    description: 'The one error shape; each response shows its own example.',
  });

/** `content` of a JSON request body or response; `example` when this use differs from the schema's own. */
export const jsonContent = <T extends z.ZodType>(schema: T, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});

/** A JSON response entry for createRoute's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: jsonContent(schema) });

const REQUEST_ID = '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

/** An error body as the API sends it, for examples. */
export const errorExample = (code: ErrorCode, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }), request_id: REQUEST_ID },
});

const retryAfterHeader = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const, example: 5 } },
};

/** An error response with its own example, so each status shows what it really says. */
export const errorResponse = (description: string, example: ReturnType<typeof errorExample>) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema, example } },
});

/** Responses every route can give; spread into each route's `responses`. */
export const openApiErrorResponses = {
  400: errorResponse('Malformed request (e.g. bad JSON)', errorExample('bad_request', 'Malformed JSON in request body')),
  422: errorResponse(
    'Validation failed; `details` names each bad field',
    errorExample('validation_failed', 'Invalid body: score: is required; solution: expected string, received number', [
      { field: 'score', message: 'is required' },
      { field: 'solution', message: 'expected string, received number' },
    ]),
  ),
  500: errorResponse('Unexpected server error (a bug: it is logged with the request id)', errorExample('internal_error', 'Something went wrong on our side')),
  503: {
    ...errorResponse(
      'A backing service is unavailable; retry after `Retry-After` seconds',
      errorExample('service_unavailable', 'A backing service is unavailable; retry shortly'),
    ),
    headers: retryAfterHeader,
  },
};

export const authErrorResponses = {
  401: errorResponse('Missing, invalid or expired access token (log in again, or POST /auth/refresh)', errorExample('unauthorized', 'Missing bearer token')),
  403: errorResponse('Authenticated but not allowed (e.g. not an admin)', errorExample('forbidden', 'Admin role required')),
};

/** The 401 of the routes that take a username and password instead of a token. */
export const credentialsErrorResponse = {
  401: errorResponse('Wrong username or password (one message for both)', errorExample('unauthorized', 'Invalid username or password')),
};

/** The 401 of POST /auth/refresh. */
export const refreshErrorResponse = {
  401: errorResponse('Unknown, expired, revoked or reused refresh token', errorExample('unauthorized', 'Refresh token has expired')),
};

export const unsupportedMediaTypeResponse = {
  415: errorResponse(
    'Body is neither JSON nor form-encoded',
    errorExample('unsupported_media_type', 'Content-Type text/plain is not accepted: send a JSON body with the header "Content-Type: application/json"'),
  ),
};

export const notFoundResponse = { 404: errorResponse('Not found', errorExample('not_found', 'Challenge not found')) };
export const conflictResponse = {
  409: errorResponse('Conflicts with the current state', errorExample('conflict', 'Attempt was already submitted', { status: 'passed' })),
};
export const rateLimitedResponse = {
  429: {
    ...errorResponse(
      'Too many requests; retry after `Retry-After` seconds',
      errorExample('rate_limited', 'Too many submissions; retry in 42 s', { retry_after_seconds: 42 }),
    ),
    headers: { 'Retry-After': { ...retryAfterHeader['Retry-After'], schema: { type: 'integer' as const, example: 42 } } },
  },
};

/**
 * Security requirement for routes that need an access token: bearer, or Swagger UI's OAuth2 password flow.
 * Typed up front: an inline `[{ bearerAuth: [] }]` makes TypeScript lose the route's request types.
 */
export const bearerSecurity: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { oauth2Password: [] }];

/** Path parameters that must be uuids: a malformed id is a 422 naming the field, never a query. */
export function uuidParams<K extends string>(name: K, example?: string) {
  const shape = { [name]: z.uuid().openapi({ param: { name, in: 'path' }, example }) } as { [P in K]: z.ZodUUID };
  return z.object(shape);
}

export const MAX_PAGE_SIZE = 100;

export const pageLimit = (fallback: number) =>
  z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(fallback).openapi({ description: `Page size, 1–${MAX_PAGE_SIZE}`, example: fallback });

/** Keyset pagination: `next_cursor` of one page is the `cursor` of the next. */
export const CursorPageQuery = z.object({
  limit: pageLimit(20),
  cursor: z.string().max(200).optional().openapi({ description: '`next_cursor` of the previous page' }),
});

/** Offset pagination, for lists small enough to count. */
export const OffsetPageQuery = z.object({
  limit: pageLimit(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({ description: 'Items to skip', example: 0 }),
});
