import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, conflictResponse, jsonResponse, notFoundResponse, openApiErrorResponses, uuidParams } from '../../lib/openapi';
import { adminOnly } from '../../middleware/auth';
import { DeadLetterListQuery, DeadLetterPageSchema, DeadLetterSchema, RedriveAllSchema } from './dead-letters.schemas';

const tags = ['Admin'];

export const listDeadLetters = createRoute({
  method: 'get',
  path: '/admin/dead-letters',
  operationId: 'listDeadLetters',
  tags,
  ...adminOnly,
  summary: 'Messages the award queue gave up on (its dead-letter queue), newest first',
  description: 'Each message the awards queue dead-lettered after its retries, recorded once by the dead-letter consumer. Filter by `state` (pending or redriven); keyset pagination with `cursor`.',
  request: { query: DeadLetterListQuery },
  responses: {
    200: jsonResponse(DeadLetterPageSchema, 'A page of dead letters'),
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const redriveDeadLetter = createRoute({
  method: 'post',
  path: '/admin/dead-letters/{id}/redrive',
  operationId: 'redriveDeadLetter',
  tags,
  ...adminOnly,
  summary: 'Send one dead letter back to the award queue (once; the award itself is idempotent)',
  description: 'Re-sends the message body to the awards queue and marks the dead letter redriven. A second redrive of the same dead letter is a 409.',
  request: { params: uuidParams('id') },
  responses: {
    200: jsonResponse(DeadLetterSchema, 'Sent; `redriven_at` is set'),
    ...notFoundResponse,
    ...conflictResponse,
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const redriveAllDeadLetters = createRoute({
  method: 'post',
  path: '/admin/dead-letters/redrive',
  operationId: 'redriveDeadLetters',
  tags,
  ...adminOnly,
  summary: 'Send every pending dead letter back to the award queue, oldest first (at most 1,000 per call)',
  description: 'Redrives the pending dead letters in batches of 100, at most 1,000 per call; call again while some are pending.',
  responses: {
    200: jsonResponse(RedriveAllSchema, 'How many were sent, and how many are still pending'),
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export type ListDeadLettersRoute = typeof listDeadLetters;
export type RedriveDeadLetterRoute = typeof redriveDeadLetter;
export type RedriveAllDeadLettersRoute = typeof redriveAllDeadLetters;
