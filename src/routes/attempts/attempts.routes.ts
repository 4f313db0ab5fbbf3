import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, conflictResponse, jsonContent, notFoundResponse, openApiErrorResponses, rateLimitedResponse } from '../../lib/openapi';
import { authed } from '../../middleware/auth';
import {
  AttemptIdParamSchema,
  AttemptListQuerySchema,
  AttemptPageSchema,
  AttemptSchema,
  StartAttemptSchema,
  SubmitAttemptSchema,
} from './attempts.schemas';

const tags = ['Attempts'];

export const start = createRoute({
  method: 'post',
  path: '/attempts',
  tags,
  ...authed,
  summary: 'Start an attempt at a published challenge',
  request: { body: { required: true, content: jsonContent(StartAttemptSchema) } },
  responses: {
    201: { description: 'Attempt started', content: jsonContent(AttemptSchema) },
    ...notFoundResponse,
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const submit = createRoute({
  method: 'post',
  path: '/attempts/{id}/submit',
  tags,
  ...authed,
  summary: 'Submit a score; the award is processed in the background',
  description:
    'Owner only, once. Decides pass/fail (score ≥ PASS_THRESHOLD), stores the submission, enqueues the award and answers 202 at once. ' +
    '`xp_awarded` stays null until the award has been processed. A second submit is 409.',
  request: { params: AttemptIdParamSchema, body: { required: true, content: jsonContent(SubmitAttemptSchema) } },
  responses: {
    202: { description: 'Accepted; award enqueued', content: jsonContent(AttemptSchema) },
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
  ...authed,
  summary: 'Your attempts, newest first',
  request: { query: AttemptListQuerySchema },
  responses: { 200: { description: 'A page of attempts', content: jsonContent(AttemptPageSchema) }, ...authErrorResponses, ...openApiErrorResponses },
});

export const get = createRoute({
  method: 'get',
  path: '/attempts/{id}',
  tags,
  ...authed,
  summary: 'One of your attempts (someone else’s is a 404)',
  request: { params: AttemptIdParamSchema },
  responses: { 200: { description: 'The attempt', content: jsonContent(AttemptSchema) }, ...notFoundResponse, ...authErrorResponses, ...openApiErrorResponses },
});

export type StartRoute = typeof start;
export type SubmitRoute = typeof submit;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
