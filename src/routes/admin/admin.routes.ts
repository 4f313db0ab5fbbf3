import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, invalidResponse, notFoundResponseFor, uuidParams, openApiErrorResponses } from '../../lib/openapi';
import { adminOnly } from '../../middleware/auth';
import { JobSchema, StatsSchema } from './admin.schemas';

const tags = ['Admin'];

export const stats = createRoute({
  method: 'get',
  path: '/admin/stats',
  operationId: 'getAdminStats',
  tags,
  ...adminOnly,
  summary: 'Game-wide numbers, and new players per day for the last 14 days',
  description: 'Players, challenges by state, attempts by status, XP distributed, badges awarded and awards still pending, from Postgres.',
  responses: { 200: { description: 'Stats', content: { 'application/json': { schema: StatsSchema } } }, ...authErrorResponses, ...openApiErrorResponses },
});

export const recalcXp = createRoute({
  method: 'post',
  path: '/admin/recalc-xp',
  operationId: 'startXpRecalculation',
  tags,
  ...adminOnly,
  summary: 'Start a background job: recompute totals from the ledger, rebuild the boards, backfill badges',
  description: 'Answers the job at once; follow it with GET /admin/jobs/{id}. Each batch recomputes from Postgres, so a replay is harmless.',
  responses: {
    202: { description: 'Job started', content: { 'application/json': { schema: JobSchema } } },
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const getJob = createRoute({
  method: 'get',
  path: '/admin/jobs/{id}',
  operationId: 'getJob',
  tags,
  ...adminOnly,
  summary: 'A background job’s state and progress (processed of total)',
  description: '`status` moves from queued to running to succeeded (or failed, with `error`); `processed` counts players of `total`.',
  request: { params: uuidParams('id') },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    ...notFoundResponseFor('Job not found', 'No such job'),
    ...authErrorResponses,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export type StatsRoute = typeof stats;
export type RecalcXpRoute = typeof recalcXp;
export type GetJobRoute = typeof getJob;
