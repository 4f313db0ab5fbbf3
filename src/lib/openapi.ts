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
    example: { error: { code: 'not_found', message: 'Challenge not found', request_id: 'b1c2…' } },
  });

/** `content` of a JSON request body or response. */
export const jsonContent = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** A JSON response entry for createRoute's `responses`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: jsonContent(schema) });

const errorResponse = (description: string) => jsonResponse(ErrorSchema, description);

/** Responses every route can give; spread into each route's `responses`. */
export const openApiErrorResponses = {
  400: errorResponse('Malformed request (e.g. bad JSON)'),
  422: errorResponse('Validation failed; `details` names each bad field'),
  500: errorResponse('Unexpected server error'),
  503: errorResponse('A backing service is unavailable; retry after `Retry-After` seconds'),
};

/** Responses of every route that takes a body: the body limit (MAX_BODY_BYTES in create-app.ts) and @hono/zod-openapi's media type gate. */
export const bodyErrorResponses = {
  413: errorResponse('Request body over 128 KiB'),
  415: errorResponse('Request body of a media type the operation does not take'),
};

export const authErrorResponses = {
  401: errorResponse('Missing, invalid or expired access token'),
  403: errorResponse('Authenticated but not allowed (e.g. not an admin)'),
};

export const notFoundResponse = { 404: errorResponse('Not found') };
export const conflictResponse = { 409: errorResponse('Conflicts with the current state') };
export const rateLimitedResponse = { 429: errorResponse('Too many requests; retry after `Retry-After` seconds') };

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
