import { createRoute, z } from '@hono/zod-openapi';
import { authErrorResponses, notFoundResponse, openApiErrorResponses } from '../../lib/openapi-errors';
import { bearerSecurity } from '../../lib/openapi-security';
import { requireAdmin, requireAuth } from '../../middleware/auth';

const tags = ['Admin'];
const adminOnly = { security: bearerSecurity, middleware: [requireAuth(), requireAdmin()] };

export const StatsSchema = z
  .object({
    players: z.number().int(),
    challenges: z.object({ published: z.number().int(), unpublished: z.number().int(), archived: z.number().int() }),
    attempts: z.object({ started: z.number().int(), passed: z.number().int(), failed: z.number().int() }),
    xp_awarded: z.number().int(),
    badges_awarded: z.number().int(),
    awards_pending: z.number().int().openapi({ description: 'Submitted attempts whose award has not been processed yet' }),
    new_players_per_day: z.array(z.object({ date: z.string(), count: z.number().int() })),
  })
  .openapi('AdminStats');

export const JobSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    processed: z.number().int(),
    total: z.number().int().nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('Job');

export const stats = createRoute({
  method: 'get',
  path: '/admin/stats',
  tags,
  ...adminOnly,
  summary: 'Game-wide numbers, and new players per day for the last 14 days',
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
  request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }) },
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
