import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  conflictResponse,
  notFoundResponse,
  openApiErrorResponses,
} from '../../lib/openapi-errors';
import { bearerSecurity, jsonResponse } from '../../lib/openapi-security';
import { requireAdmin, requireAuth } from '../../middleware/auth';
import {
  ChallengeIdParams,
  ChallengePageSchema,
  ChallengeSchema,
  CreateChallengeSchema,
  ListChallengesQuery,
  UpdateChallengeSchema,
} from './challenges.schemas';
import { optionalAuth } from './optional-auth';

const tags = ['Challenges'];
const adminOnly = bearerSecurity;
// `{}` first: the token is optional on public reads; an admin's token unlocks the admin-only filters.
const tokenOptional = [{}, ...adminOnly];

export const list = createRoute({
  method: 'get',
  path: '/challenges',
  tags,
  summary: 'List challenges',
  description:
    'Published challenges, newest first, filtered by `difficulty`, `tag` and `q` (text search; `%`, `_` and `\\` match literally). ' +
    'Keyset pagination: pass `next_cursor` back as `cursor` until it is null. Admins may add `include_unpublished` / `include_archived`.',
  security: tokenOptional,
  middleware: [optionalAuth()] as const,
  request: { query: ListChallengesQuery },
  responses: {
    200: jsonResponse(ChallengePageSchema, 'A page of challenges'),
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const get = createRoute({
  method: 'get',
  path: '/challenges/{id}',
  tags,
  summary: 'Get one challenge',
  description: 'Unpublished and archived challenges are a 404 unless the caller is an admin.',
  security: tokenOptional,
  middleware: [optionalAuth()] as const,
  request: { params: ChallengeIdParams },
  responses: {
    200: jsonResponse(ChallengeSchema, 'The challenge'),
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
  security: adminOnly,
  middleware: [requireAuth(), requireAdmin()] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateChallengeSchema } } } },
  responses: {
    201: jsonResponse(ChallengeSchema, 'Created'),
    ...authErrorResponses,
    ...conflictResponse,
    ...openApiErrorResponses,
  },
});

export const update = createRoute({
  method: 'put',
  path: '/challenges/{id}',
  tags,
  summary: 'Update a challenge (admin)',
  description: 'A partial update: fields left out keep their value. Bumps `updated_at`. An archived challenge is a 409.',
  security: adminOnly,
  middleware: [requireAuth(), requireAdmin()] as const,
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
  security: adminOnly,
  middleware: [requireAuth(), requireAdmin()] as const,
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
