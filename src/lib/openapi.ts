import { z } from '@hono/zod-openapi';
import { PLACE } from './validation-hook';
import { errorStatus, type ErrorCode } from './app-error';
import { MAX_BODY_BYTES } from './create-app';

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
    description: 'The one error shape: `code` maps to one HTTP status; `details` is there when it helps (e.g. the fields a 422 names)',
  });

/** `content` of a JSON request body or response; `example` when this use differs from the schema's own. */
export const jsonContent = <T extends z.ZodType>(schema: T, example?: unknown) => ({
  'application/json': example === undefined ? { schema } : { schema, example },
});

/** A JSON response entry for createRoute's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: jsonContent(schema) });

/** A request id as `X-Request-Id` and `request_id` carry it. */
const EXAMPLE_REQUEST_ID = '5f0c3a9e-8d21-4c7b-9f3e-2a6b1d4e7c90';

export const retryAfterHeader = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const, example: 5 } },
};

interface ErrorExample {
  description: string;
  /** The `message` the API sends in this case. */
  message: string;
  details?: unknown;
  headers?: Record<string, { description: string; schema: { type: 'integer' | 'string'; example?: unknown } }>;
}

/** An error response for createRoute's `responses`, with an example of what the API answers in that case. */
export function errorResponse(code: ErrorCode, { description, message, details, headers }: ErrorExample) {
  const error = { code, message, ...(details === undefined ? {} : { details }), request_id: EXAMPLE_REQUEST_ID };
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: ErrorSchema, example: { error } } } };
}

/** A 422 naming one bad field, as the validation hook words it (`target` is json, query, param or form). */
export function invalidResponse(target: 'json' | 'query' | 'param' | 'form', field: string, message: string) {
  return {
    422: errorResponse('validation_failed', {
      description: 'Validation failed; `details` names each bad field',
      message: `Invalid ${PLACE[target]}: ${field}: ${message}`,
      details: [{ field, message }],
    }),
  };
}

/** Responses every route can give; spread into each route's `responses` (a route's own 422 example goes after). */
export const openApiErrorResponses = {
  400: errorResponse('bad_request', { description: 'Malformed request (e.g. bad JSON)', message: 'Malformed JSON in request body' }),
  ...invalidResponse('query', 'limit', 'Too big: expected number to be <=100'),
  500: errorResponse('internal_error', { description: 'Unexpected server error', message: 'Something went wrong on our side' }),
  503: errorResponse('service_unavailable', {
    description: 'A backing service is unavailable; retry after `Retry-After` seconds',
    message: 'A backing service is unavailable; retry shortly',
    headers: retryAfterHeader,
  }),
};

export const unauthorizedResponse = {
  401: errorResponse('unauthorized', {
    description: 'Missing, invalid or expired access token',
    message: 'Missing bearer token',
    headers: { 'WWW-Authenticate': { description: 'Always `Bearer` (RFC 6750)', schema: { type: 'string', example: 'Bearer' } } },
  }),
};

/** Responses of every route that takes a body: the body limit (MAX_BODY_BYTES in create-app.ts) and @hono/zod-openapi's media type gate. */

export const authErrorResponses = {
  ...unauthorizedResponse,
  403: errorResponse('forbidden', { description: 'Authenticated but not allowed (e.g. not an admin)', message: 'Admin role required' }),
};

/** A 404 with the message the route sends, e.g. `notFoundResponseFor('Challenge not found')`. */
export const notFoundResponseFor = (message: string, description = 'Not found') => ({ 404: errorResponse('not_found', { description, message }) });
export const notFoundResponse = notFoundResponseFor('Not found');

/** A 409 with the message the route sends. */
export const conflictResponseFor = (message: string, description = 'Conflicts with the current state', details?: unknown) => ({
  409: errorResponse('conflict', { description, message, details }),
});
export const conflictResponse = conflictResponseFor('Conflicts with the current state');

/** A 429 with the message the route sends, e.g. `rateLimitedResponseFor('submissions')`. */
export const rateLimitedResponseFor = (what: string) => ({
  429: errorResponse('rate_limited', {
    description: 'Too many requests; retry after `Retry-After` seconds',
    message: `Too many ${what}; retry in 42 s`,
    details: { retry_after_seconds: 42 },
    headers: retryAfterHeader,
  }),
});
export const rateLimitedResponse = rateLimitedResponseFor('requests');

/** Routes that take a body: the body limit answers 413 before validation. */
export const payloadTooLargeResponse = {
  413: errorResponse('payload_too_large', {
    description: `Request body over ${MAX_BODY_BYTES / 1024} KiB`,
    message: `Request body exceeds ${MAX_BODY_BYTES} bytes`,
  }),
};

/** Routes that take a body: 413 before validation, 415 for a media type the route does not take. */
export const bodyErrorResponses = {
  ...payloadTooLargeResponse,
  415: errorResponse('unsupported_media_type', {
    description: 'Request body of a media type the operation does not take',
    message: 'Content-Type text/plain is not accepted: send a JSON body with the header "Content-Type: application/json"',
  }),
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
