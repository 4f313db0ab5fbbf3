import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, conflictResponse, notFoundResponse, openApiErrorResponses, rateLimitedResponse } from '../../lib/openapi-errors';
import { bearerSecurity } from '../../lib/openapi-security';
import { requireAuth } from '../../middleware/auth';
import {
  AttemptIdParamSchema,
  AttemptListQuerySchema,
  AttemptPageSchema,
  AttemptSchema,
  StartAttemptSchema,
  SubmitAttemptSchema,
} from './attempts.schemas';

const tags = ['Attempts'];
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export const start = createRoute({
  method: 'post',
  path: '/attempts',
  tags,
  security: bearerSecurity,
  middleware: [requireAuth()] as const,
  summary: 'Start an attempt at a published challenge',
  request: { body: { required: true, ...json(StartAttemptSchema) } },
  responses: {
    201: { description: 'Attempt started', ...json(AttemptSchema) },
    ...notFoundResponse,
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const submit = createRoute({
  method: 'post',
  path: '/attempts/{id}/submit',
  tags,
  security: bearerSecurity,
  middleware: [requireAuth()] as const,
  summary: 'Submit a score; the award is processed in the background',
  description:
    'Owner only, once. Decides pass/fail (score ≥ PASS_THRESHOLD), stores the submission, enqueues the award and answers 202 at once. ' +
    '`xp_awarded` stays null until the award has been processed. A second submit is 409.',
  request: { params: AttemptIdParamSchema, body: { required: true, ...json(SubmitAttemptSchema) } },
  responses: {
    202: { description: 'Accepted; award enqueued', ...json(AttemptSchema) },
    ...notFoundResponse,
    ...conflictResponse,
    ...rateLimitedResponse,
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const list = createRoute({
  method: 'get',
  path: '/attempts',
  tags,
  security: bearerSecurity,
  middleware: [requireAuth()] as const,
  summary: 'Your attempts, newest first',
  request: { query: AttemptListQuerySchema },
  responses: { 200: { description: 'A page of attempts', ...json(AttemptPageSchema) }, ...authErrorResponses, ...openApiErrorResponses },
});

export const get = createRoute({
  method: 'get',
  path: '/attempts/{id}',
  tags,
  security: bearerSecurity,
  middleware: [requireAuth()] as const,
  summary: 'One of your attempts (someone else’s is a 404)',
  request: { params: AttemptIdParamSchema },
  responses: { 200: { description: 'The attempt', ...json(AttemptSchema) }, ...notFoundResponse, ...authErrorResponses, ...openApiErrorResponses },
});

export type StartRoute = typeof start;
export type SubmitRoute = typeof submit;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
