import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, notFoundResponse, openApiErrorResponses } from '../../lib/openapi';
import { maybeAuthed } from '../../middleware/auth';
import { ParamsSchema, ProgressSchema } from './progress.schemas';

function progressRoute<P extends string>(path: P, deprecated: boolean) {
  return createRoute({
    method: 'get',
    path,
    tags: ['Leaderboard'],
    deprecated,
    summary: deprecated ? 'Deprecated: use GET /users/{id}/progress' : 'A player’s XP, level, rank, streak and badge progress',
    description:
      'Public. The player themselves (and admins) see all their recent attempts with scores; anyone else sees only ' +
      'submitted attempts on published challenges, without the score. A token is optional; a bad one is a 401.',
    ...maybeAuthed,
    request: { params: ParamsSchema },
    responses: {
      200: { description: 'Progress', content: { 'application/json': { schema: ProgressSchema } } },
      ...notFoundResponse,
      401: authErrorResponses[401],
      ...openApiErrorResponses,
    },
  });
}

export const progress = progressRoute('/users/{id}/progress', false);
/** The seed summary's path; answers the same, marked deprecated in the OpenAPI document. */
export const legacyProgress = progressRoute('/leaderboard/users/{id}/progress', true);
export type ProgressRoute = typeof progress;
