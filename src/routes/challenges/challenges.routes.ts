import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  conflictResponseFor,
  errorResponse,
  invalidResponse,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  payloadTooLargeResponse,
  unauthorizedResponse,
} from '../../lib/openapi';
import { adminOnly, maybeAuthed } from '../../middleware/auth';
import { edgeCache, edgeCacheHeaders, notModifiedResponse } from '../../middleware/edge-cache';
import {
  ChallengeIdParams,
  ChallengePageSchema,
  ChallengeSchema,
  CreateChallengeSchema,
  ListChallengesQuery,
  UpdateChallengeSchema,
} from './challenges.schemas';

const tags = ['Challenges'];
const challengeNotFound = notFoundResponseFor('Challenge not found', 'No such challenge (or, for players, not published)');
const titleTaken = conflictResponseFor('A challenge with this title already exists', 'Another challenge has this title');

/** The catalog changes only when an admin edits it; anonymous readers share one copy per URL for a minute. */
const catalogCache = edgeCache({ maxAge: (config) => config.EDGE_CACHE_CHALLENGES_SECONDS });
const CACHING =
  ' Anonymous answers are kept at the edge and sent with `Cache-Control: public, max-age=N` (`EDGE_CACHE_CHALLENGES_SECONDS`, default 60), ' +
  'so an edit reaches them within N seconds; with an Authorization header the answer is fresh and `private, no-store`. ' +
  'Every 200 has an `ETag`; send it as `If-None-Match` to get a 304.';

export const list = createRoute({
  method: 'get',
  path: '/challenges',
  operationId: 'listChallenges',
  tags,
  summary: 'List challenges',
  description:
    'Published challenges, newest first, filtered by `difficulty`, `tag` and `q` (text search; `%`, `_` and `\\` match literally). ' +
    'Keyset pagination: pass `next_cursor` back as `cursor` until it is null. Admins may add `include_unpublished` / `include_archived`.' +
    CACHING,
  ...maybeAuthed,
  middleware: [catalogCache, ...maybeAuthed.middleware],
  request: { query: ListChallengesQuery },
  responses: {
    200: { ...jsonResponse(ChallengePageSchema, 'A page of challenges'), headers: edgeCacheHeaders },
    ...notModifiedResponse,
    ...authErrorResponses,
    403: errorResponse('forbidden', {
      description: '`include_unpublished` or `include_archived` from a player',
      message: 'include_unpublished and include_archived need an admin token',
    }),
    ...openApiErrorResponses,
    ...invalidResponse('query', 'difficulty', 'Invalid option: expected one of "easy"|"medium"|"hard"'),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/challenges/{id}',
  operationId: 'getChallenge',
  tags,
  summary: 'Get one challenge',
  description: 'Unpublished and archived challenges are a 404 unless the caller is an admin.' + CACHING,
  ...maybeAuthed,
  middleware: [catalogCache, ...maybeAuthed.middleware],
  request: { params: ChallengeIdParams },
  responses: {
    200: { ...jsonResponse(ChallengeSchema, 'The challenge'), headers: edgeCacheHeaders },
    ...notModifiedResponse,
    ...unauthorizedResponse,
    ...challengeNotFound,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const create = createRoute({
  method: 'post',
  path: '/challenges',
  operationId: 'createChallenge',
  tags,
  summary: 'Create a challenge (admin)',
  description: 'Titles are unique. Tags are lower-cased and deduplicated. A challenge is visible to players once `published`.',
  ...adminOnly,
  request: { body: { required: true, content: { 'application/json': { schema: CreateChallengeSchema } } } },
  responses: {
    201: jsonResponse(ChallengeSchema, 'Created'),
    ...authErrorResponses,
    ...titleTaken,
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'xp', 'Too small: expected number to be >=1'),
    ...bodyErrorResponses,
  },
});

export const update = createRoute({
  method: 'put',
  path: '/challenges/{id}',
  operationId: 'updateChallenge',
  tags,
  summary: 'Update a challenge (admin)',
  description: 'A partial update: fields left out keep their value. Bumps `updated_at`. An archived challenge is a 409.',
  ...adminOnly,
  request: {
    params: ChallengeIdParams,
    body: { required: true, content: { 'application/json': { schema: UpdateChallengeSchema } } },
  },
  responses: {
    200: jsonResponse(ChallengeSchema, 'Updated'),
    ...authErrorResponses,
    ...challengeNotFound,
    ...conflictResponseFor('Archived challenges cannot be changed', 'The challenge is archived, or another challenge has this title'),
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'xp', 'Too big: expected number to be <=10000'),
    ...bodyErrorResponses,
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/challenges/{id}',
  operationId: 'deleteChallenge',
  tags,
  summary: 'Delete or archive a challenge (admin)',
  description:
    'A challenge nobody has attempted is removed. One with attempts is archived instead (hidden from players, unpublished), ' +
    'so attempts and XP stay intact. Deleting an archived challenge again is a no-op.',
  ...adminOnly,
  request: { params: ChallengeIdParams },
  responses: {
    204: { description: 'Removed or archived' },
    ...authErrorResponses,
    ...challengeNotFound,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type CreateRoute = typeof create;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
