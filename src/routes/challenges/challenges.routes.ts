import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, bodyErrorResponses, conflictResponse, jsonResponse, notFoundResponse, openApiErrorResponses } from '../../lib/openapi';
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

/** The catalog changes only when an admin edits it; anonymous readers share one copy per URL for a minute. */
const catalogCache = edgeCache({ maxAge: (config) => config.EDGE_CACHE_CHALLENGES_SECONDS });
const CACHING =
  ' Anonymous answers are kept at the edge and sent with `Cache-Control: public, max-age=N` (`EDGE_CACHE_CHALLENGES_SECONDS`, default 60), ' +
  'so an edit reaches them within N seconds; with an Authorization header the answer is fresh and `private, no-store`. ' +
  'Every 200 has an `ETag`; send it as `If-None-Match` to get a 304.';

export const list = createRoute({
  method: 'get',
  path: '/challenges',
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
    ...openApiErrorResponses,
  },
});

export const get = createRoute({
  method: 'get',
  path: '/challenges/{id}',
  tags,
  summary: 'Get one challenge',
  description: 'Unpublished and archived challenges are a 404 unless the caller is an admin.' + CACHING,
  ...maybeAuthed,
  middleware: [catalogCache, ...maybeAuthed.middleware],
  request: { params: ChallengeIdParams },
  responses: {
    200: { ...jsonResponse(ChallengeSchema, 'The challenge'), headers: edgeCacheHeaders },
    ...notModifiedResponse,
    401: authErrorResponses[401],
    ...notFoundResponse,
    ...openApiErrorResponses,
  },
});

export const create = createRoute({
  method: 'post',
  path: '/challenges',
  tags,
  summary: 'Create a challenge (admin)',
  ...adminOnly,
  request: { body: { required: true, content: { 'application/json': { schema: CreateChallengeSchema } } } },
  responses: {
    201: jsonResponse(ChallengeSchema, 'Created'),
    ...authErrorResponses,
    ...conflictResponse,
    ...openApiErrorResponses,
    ...bodyErrorResponses,
  },
});

export const update = createRoute({
  method: 'put',
  path: '/challenges/{id}',
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
    ...notFoundResponse,
    ...conflictResponse,
    ...openApiErrorResponses,
    ...bodyErrorResponses,
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/challenges/{id}',
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
    ...notFoundResponse,
    ...openApiErrorResponses,
  },
});

export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type CreateRoute = typeof create;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
