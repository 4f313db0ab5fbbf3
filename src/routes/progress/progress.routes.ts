import { createRoute } from '@hono/zod-openapi';
import { invalidResponse, notFoundResponseFor, openApiErrorResponses, unauthorizedResponse } from '../../lib/openapi';
import { maybeAuthed } from '../../middleware/auth';
import { deprecatedAlias, deprecationHeaders } from '../../middleware/deprecation';
import { ParamsSchema, ProgressSchema } from './progress.schemas';

const SUCCESSOR = '/users/{id}/progress';

function progressRoute<P extends string>(path: P, operationId: string, deprecated: boolean) {
  return createRoute({
    method: 'get',
    path,
    operationId,
    tags: ['Leaderboard'],
    deprecated,
    summary: deprecated ? `Deprecated: use GET ${SUCCESSOR}` : 'A player’s XP, level, rank, streak and badge progress',
    description:
      'Public. The player themselves (and admins) see all their recent attempts with scores; anyone else sees only ' +
      'submitted attempts on published challenges, without the score. A token is optional; a bad one is a 401.' +
      (deprecated ? ` Answers as ${SUCCESSOR} does, with \`Deprecation\` and a \`Link\` to it on every answer.` : ''),
    ...maybeAuthed,
    middleware: deprecated ? [deprecatedAlias(SUCCESSOR), ...maybeAuthed.middleware] : maybeAuthed.middleware,
    request: { params: ParamsSchema },
    responses: {
      200: {
        description: 'Progress',
        ...(deprecated ? { headers: deprecationHeaders } : {}),
        content: { 'application/json': { schema: ProgressSchema } },
      },
      ...notFoundResponseFor('User not found', 'No such user'),
      ...unauthorizedResponse,
      ...openApiErrorResponses,
      ...invalidResponse('param', 'id', 'Invalid UUID'),
    },
  });
}

export const progress = progressRoute(SUCCESSOR, 'getPlayerProgress', false);
/** The seed summary's path; answers the same, marked deprecated in the OpenAPI document and in its headers. */
export const legacyProgress = progressRoute('/leaderboard/users/{id}/progress', 'getPlayerProgressDeprecated', true);
export type ProgressRoute = typeof progress;
