import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  conflictResponseFor,
  errorResponse,
  invalidResponse,
  jsonContent,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  rateLimitedResponseFor,
} from '../../lib/openapi';
import { withApiKey } from '../../middleware/api-key';
import {
  BatchOutcomeSchema,
  ExternalIdParams,
  ExternalPlayerSchema,
  IdempotencyHeaders,
  ReportedResultSchema,
  ReportResultSchema,
  ReportResultsSchema,
} from './results.schemas';

const tags = ['Results'];

const keyErrors = {
  ...authErrorResponses,
  401: errorResponse('unauthorized', {
    description: 'Missing, malformed, unknown, revoked or expired API key',
    message: 'Unknown, revoked or expired API key',
    headers: { 'WWW-Authenticate': { description: 'Always `Bearer` (RFC 6750)', schema: { type: 'string', example: 'Bearer' } } },
  }),
  403: errorResponse('forbidden', { description: 'The key lacks the scope this route needs', message: 'This API key lacks the scope results:write' }),
  ...rateLimitedResponseFor('requests with this API key'),
};

const idempotencyConflict = conflictResponseFor(
  'This Idempotency-Key was already used with a different request',
  'The Idempotency-Key was used with a different body, or its first request is still running (then with Retry-After)',
  { idempotency_key: 'grader-run-2026-11-22-0042' },
);

const replayHeader = {
  'Idempotent-Replayed': { description: '`true` when this is the stored first answer to an earlier request with the same Idempotency-Key', schema: { type: 'string' as const, example: 'true' } },
};

export const reportResult = createRoute({
  method: 'post',
  path: '/results',
  operationId: 'reportResult',
  tags,
  ...withApiKey('results:write'),
  summary: 'Report a player’s result from your server (API key with results:write)',
  description:
    'Records the result as a submitted attempt and enqueues its award: the same pipeline as a player’s own submit (exactly once, ' +
    'best score per challenge, badges, boards, live feed, webhooks). Name the player by `player_id` or by your own `external_id` ' +
    '(created on first use). With `Idempotency-Key`, a retry returns the first answer (kept at least 24 h) and changes nothing.',
  request: { headers: IdempotencyHeaders, body: { required: true, content: jsonContent(ReportResultSchema) } },
  responses: {
    202: { description: 'Accepted; the award is processed in the background', headers: replayHeader, content: jsonContent(ReportedResultSchema) },
    ...notFoundResponseFor('Challenge not found or not published', 'Unknown player_id, or a challenge that is not published'),
    ...idempotencyConflict,
    ...keyErrors,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'score', 'Too big: expected number to be <=100'),
    ...bodyErrorResponses,
  },
});

export const reportResults = createRoute({
  method: 'post',
  path: '/results/batch',
  operationId: 'reportResults',
  tags,
  ...withApiKey('results:write'),
  summary: 'Report up to 100 results in one request, each with its own outcome',
  description:
    'Each result is accepted or rejected on its own (`results[i].status`, with the error the single form would give); an ' +
    'invalid body as a whole is a 422 naming the field (e.g. `results.3.score`). Idempotent with `Idempotency-Key` as POST /results.',
  request: { headers: IdempotencyHeaders, body: { required: true, content: jsonContent(ReportResultsSchema) } },
  responses: {
    200: { description: 'One outcome per result, in order', headers: replayHeader, content: jsonContent(BatchOutcomeSchema) },
    ...idempotencyConflict,
    ...keyErrors,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'results.3.score', 'Too big: expected number to be <=100'),
    ...bodyErrorResponses,
  },
});

export const getExternalPlayer = createRoute({
  method: 'get',
  path: '/players/external/{external_id}',
  operationId: 'getExternalPlayer',
  tags,
  ...withApiKey('players:read'),
  summary: 'A player by your platform’s id (API key with players:read)',
  description: 'The player a `POST /results` with this `external_id` created, with their XP and level.',
  request: { params: ExternalIdParams },
  responses: {
    200: jsonResponse(ExternalPlayerSchema, 'The player'),
    ...notFoundResponseFor('No player has this external id'),
    ...keyErrors,
    403: errorResponse('forbidden', { description: 'The key lacks the scope this route needs', message: 'This API key lacks the scope players:read' }),
    ...openApiErrorResponses,
  },
});

export type ReportResultRoute = typeof reportResult;
export type ReportResultsRoute = typeof reportResults;
export type GetExternalPlayerRoute = typeof getExternalPlayer;
