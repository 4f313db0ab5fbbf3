import { z } from '@hono/zod-openapi';
import { errorStatus, type ErrorCode } from './app-error';

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

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ErrorSchema } } };
}

/** Responses every route can give; spread into each route's `responses`. */
export const openApiErrorResponses = {
  400: errorResponse('Malformed request (e.g. bad JSON)'),
  422: errorResponse('Validation failed; `details` names each bad field'),
  500: errorResponse('Unexpected server error'),
  503: errorResponse('A backing service is unavailable; retry after `Retry-After` seconds'),
};

export const authErrorResponses = {
  401: errorResponse('Missing, invalid or expired access token'),
  403: errorResponse('Authenticated but not allowed (e.g. not an admin)'),
};

export const notFoundResponse = { 404: errorResponse('Not found') };
export const conflictResponse = { 409: errorResponse('Conflicts with the current state') };
export const rateLimitedResponse = { 429: errorResponse('Too many requests; retry after `Retry-After` seconds') };
