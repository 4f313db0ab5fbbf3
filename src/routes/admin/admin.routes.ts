import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, notFoundResponse, uuidParams, openApiErrorResponses } from '../../lib/openapi';
import { adminOnly } from '../../middleware/auth';
import { JobSchema, StatsSchema } from './admin.schemas';

const tags = ['Admin'];

export const stats = createRoute({
  method: 'get',
  path: '/admin/stats',
  tags,
  ...adminOnly,
  summary: 'Game-wide numbers, and new players and XP awarded per day for the last 14 days',
  responses: { 200: { description: 'Stats', content: { 'application/json': { schema: StatsSchema } } }, ...authErrorResponses, ...openApiErrorResponses },
});

export const recalcXp = createRoute({
  method: 'post',
  path: '/admin/recalc-xp',
  tags,
  ...adminOnly,
  summary: 'Start a background job: recompute totals from the ledger, rebuild the boards, backfill badges',
  responses: {
    202: { description: 'Job started', content: { 'application/json': { schema: JobSchema } } },
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const getJob = createRoute({
  method: 'get',
  path: '/admin/jobs/{id}',
  tags,
  ...adminOnly,
  summary: 'A background job’s state and progress (processed of total)',
  request: { params: uuidParams('id') },
  responses: {
    200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    ...notFoundResponse,
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export type StatsRoute = typeof stats;
export type RecalcXpRoute = typeof recalcXp;
export type GetJobRoute = typeof getJob;
