import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  conflictResponseFor,
  invalidResponse,
  jsonContent,
  notFoundResponseFor,
  openApiErrorResponses,
  payloadTooLargeResponse,
  rateLimitedResponseFor,
} from '../../lib/openapi';
import { authed } from '../../middleware/auth';
import {
  AttemptIdParamSchema,
  AttemptListQuerySchema,
  AttemptPageSchema,
  AttemptSchema,
  StartAttemptSchema,
  startedAttemptExample,
  SubmitAttemptSchema,
} from './attempts.schemas';

const tags = ['Attempts'];
const attemptNotFound = notFoundResponseFor('Attempt not found', 'No attempt of yours has this id');

export const start = createRoute({
  method: 'post',
  path: '/attempts',
  operationId: 'startAttempt',
  tags,
  ...authed,
  summary: 'Start an attempt at a published challenge',
  description:
    'A player has at most one open (`started`) attempt per challenge: starting a challenge again answers 200 with the attempt ' +
    'already open instead of opening another (201 only when a new one was opened). Rate limited per player (STARTS_PER_MINUTE, ' +
    'default 30 per minute; 429 with Retry-After). An unknown, unpublished or archived challenge is 404.',
  request: { body: { required: true, content: jsonContent(StartAttemptSchema) } },
  responses: {
    200: { description: 'You already have an open attempt at this challenge: this is it', content: jsonContent(AttemptSchema) },
    201: { description: 'Attempt started', content: { 'application/json': { schema: AttemptSchema, example: startedAttemptExample() } } },
    ...notFoundResponseFor('Challenge not found', 'No published challenge has this id'),
    ...rateLimitedResponseFor('attempt starts'),
    ...authErrorResponses,
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'challenge_id', 'Invalid UUID'),
    ...bodyErrorResponses,
  },
});

export const submit = createRoute({
  method: 'post',
  path: '/attempts/{id}/submit',
  operationId: 'submitAttempt',
  tags,
  ...authed,
  summary: 'Submit a score; the award is processed in the background',
  description:
    'Owner only, once. Decides pass/fail (score ≥ PASS_THRESHOLD), stores the submission, enqueues the award and answers 202 at once. ' +
    '`xp_awarded` stays null until the award has been processed. A second submit is 409, and so is a submit after an admin ' +
    'archived or unpublished the challenge (the attempt stays `started`; an award still queued for such a challenge pays 0 XP). ' +
    'With SELF_REPORTED_SCORES off, every submit is a 403: scores then come only from a server with an API key (POST /results).',
  request: { params: AttemptIdParamSchema, body: { required: true, content: jsonContent(SubmitAttemptSchema) } },
  responses: {
    202: { description: 'Accepted; award enqueued', content: jsonContent(AttemptSchema) },
    ...attemptNotFound,
    ...conflictResponseFor('Attempt was already submitted', 'Already submitted, or the challenge was archived or unpublished since the start', {
      status: 'passed',
    }),
    ...rateLimitedResponseFor('submissions'),
    ...authErrorResponses,
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'score', 'Too big: expected number to be <=100'),
    ...bodyErrorResponses,
  },
});

export const list = createRoute({
  method: 'get',
  path: '/attempts',
  operationId: 'listAttempts',
  tags,
  ...authed,
  summary: 'Your attempts, newest first',
  description: 'Filtered by `status` and `challenge_id`. Keyset pagination: pass `next_cursor` back as `cursor` until it is null.',
  request: { query: AttemptListQuerySchema },
  responses: {
    200: { description: 'A page of attempts', content: jsonContent(AttemptPageSchema) },
    ...authErrorResponses,
    ...openApiErrorResponses,
    ...invalidResponse('query', 'status', 'Invalid option: expected one of "started"|"passed"|"failed"'),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/attempts/{id}',
  operationId: 'getAttempt',
  tags,
  ...authed,
  summary: 'One of your attempts (someone else’s is a 404)',
  description: 'Poll it after a submit: `xp_awarded` and `awarded_at` are set once the award has been processed.',
  request: { params: AttemptIdParamSchema },
  responses: {
    200: { description: 'The attempt', content: jsonContent(AttemptSchema) },
    ...attemptNotFound,
    ...authErrorResponses,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export type StartRoute = typeof start;
export type SubmitRoute = typeof submit;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
