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
    new_players_per_day: z.array(z.object({ date: z.string(), count: z.number().int() })).openapi({ description: 'Last 14 UTC days, oldest first' }),
    xp_per_day: z
      .array(z.object({ date: z.string(), xp: z.number().int() }))
      .openapi({ description: 'XP awarded (ledger rows) per UTC day for the last 14 days, oldest first' }),
  })
  .openapi('AdminStats', {
    example: {
      players: 1250,
      challenges: { published: 7, unpublished: 1, archived: 2 },
      attempts: { started: 310, passed: 2104, failed: 388 },
      xp_awarded: 481_200,
      badges_awarded: 1630,
      awards_pending: 3,
      new_players_per_day: [
        { date: '2026-11-21', count: 41 },
        { date: '2026-11-22', count: 37 },
      ],
      xp_per_day: [
        { date: '2026-11-21', xp: 35_400 },
        { date: '2026-11-22', xp: 29_850 },
      ],
    },
  });

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
