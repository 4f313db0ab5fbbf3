import { z } from '@hono/zod-openapi';
import { jobStatus } from '../../db/schema';

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
    status: z.enum(jobStatus.enumValues),
    processed: z.number().int(),
    total: z.number().int().nullable(),
    error: z.string().nullable(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi('Job');
