import { z } from '@hono/zod-openapi';
import { attemptStatus } from '../../db/schema';
import { uuidParams } from '../../lib/openapi';

export const ProgressSchema = z
  .object({
    user_id: z.uuid(),
    username: z.string(),
    total_xp: z.number().int(),
    level: z.number().int(),
    xp_into_level: z.number().int(),
    xp_to_next_level: z.number().int(),
    next_level_xp: z.number().int(),
    rank: z.number().int().nullable().openapi({ description: 'All-time rank; null before the first XP' }),
    streak_days: z.number().int().openapi({ description: 'Consecutive days with a pass, in the player’s timezone, still alive today' }),
    recent_attempts: z.array(
      z.object({
        id: z.uuid(),
        challenge_id: z.uuid(),
        challenge_title: z.string(),
        status: z.enum(attemptStatus.enumValues),
        score: z.number().int().nullable(),
        xp_awarded: z.number().int().nullable(),
        started_at: z.string(),
        submitted_at: z.string().nullable(),
      }),
    ),
    badges: z.array(z.object({ id: z.uuid(), name: z.string(), icon_url: z.string().nullable(), awarded_at: z.string() })),
    badge_progress: z.array(z.object({ badge_id: z.uuid(), name: z.string(), current: z.number().int(), target: z.number().int() })),
  })
  .openapi('Progress');

export const ParamsSchema = uuidParams('id');
