import { createRoute, z } from '@hono/zod-openapi';
import { notFoundResponse, openApiErrorResponses } from '../../lib/openapi-errors';

const ProgressSchema = z
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
        status: z.enum(['started', 'passed', 'failed']),
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

const ParamsSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

function progressRoute<P extends string>(path: P, deprecated: boolean) {
  return createRoute({
    method: 'get',
    path,
    tags: ['Leaderboard'],
    deprecated,
    summary: deprecated ? 'Deprecated: use GET /users/{id}/progress' : 'A player’s XP, level, rank, streak and badge progress',
    request: { params: ParamsSchema },
    responses: {
      200: { description: 'Progress', content: { 'application/json': { schema: ProgressSchema } } },
      ...notFoundResponse,
      ...openApiErrorResponses,
    },
  });
}

export const progress = progressRoute('/users/{id}/progress', false);
/** The seed summary's path; answers the same, marked deprecated in the OpenAPI document. */
export const legacyProgress = progressRoute('/leaderboard/users/{id}/progress', true);
export type ProgressRoute = typeof progress;
