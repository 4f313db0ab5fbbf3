import { createRoute } from '@hono/zod-openapi';
import { authErrorResponses, bodyErrorResponses, conflictResponse, jsonResponse, notFoundResponse, openApiErrorResponses } from '../../lib/openapi';
import { adminOnly, authed } from '../../middleware/auth';
import {
  BadgePageSchema,
  BadgeSchema,
  CreateBadgeSchema,
  EarnedBadgePageSchema,
  IdParams,
  PageQuery,
  UpdateBadgeSchema,
} from './badges.schemas';

const tags = ['Badges'];

export const list = createRoute({
  method: 'get',
  path: '/badges',
  tags,
  summary: 'List badges',
  description: 'Every badge with its condition and the condition in words, oldest first.',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(BadgePageSchema, 'A page of badges'), ...openApiErrorResponses },
});

export const create = createRoute({
  method: 'post',
  path: '/badges',
  tags,
  summary: 'Create a badge (admin)',
  description:
    'The condition is validated (422 names the bad field, e.g. `condition.of.1.count`). ' +
    'Players who already qualify receive the badge in the background (backfill).',
  ...adminOnly,
  request: { body: { required: true, content: { 'application/json': { schema: CreateBadgeSchema } } } },
  responses: {
    201: jsonResponse(BadgeSchema, 'Created'),
    ...authErrorResponses,
    409: conflictResponse[409],
    ...openApiErrorResponses,
    ...bodyErrorResponses,
  },
});

export const update = createRoute({
  method: 'put',
  path: '/badges/{id}',
  tags,
  summary: 'Update a badge (admin)',
  description: 'A partial update: fields left out keep their value. A changed condition is backfilled; earned badges stay earned.',
  ...adminOnly,
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: UpdateBadgeSchema } } },
  },
  responses: {
    200: jsonResponse(BadgeSchema, 'Updated'),
    ...authErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
    ...openApiErrorResponses,
    ...bodyErrorResponses,
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/badges/{id}',
  tags,
  summary: 'Delete a badge nobody has earned (admin)',
  description: 'Badges are never taken away: deleting a badge someone has earned is a 409.',
  ...adminOnly,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    ...authErrorResponses,
    ...notFoundResponse,
    ...conflictResponse,
    ...openApiErrorResponses,
  },
});

export const mine = createRoute({
  method: 'get',
  path: '/badges/me',
  tags,
  summary: 'My earned badges',
  ...authed,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(EarnedBadgePageSchema, 'Badges you earned, most recent first'),
    401: authErrorResponses[401],
    ...openApiErrorResponses,
  },
});

const userBadgesRoute = <P extends string>(path: P, deprecated: boolean) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary: deprecated ? 'A user’s earned badges (deprecated: use /users/{id}/badges)' : 'A user’s earned badges',
    deprecated,
    request: { params: IdParams, query: PageQuery },
    responses: {
      200: jsonResponse(EarnedBadgePageSchema, 'Badges the user earned, most recent first'),
      ...notFoundResponse,
      ...openApiErrorResponses,
    },
  });

export const userBadges = userBadgesRoute('/users/{id}/badges', false);
/** The seed summary's path; answers the same, marked deprecated in the OpenAPI document. */
export const userBadgesDeprecated = userBadgesRoute('/badges/users/{id}', true);

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
export type MineRoute = typeof mine;
export type UserBadgesRoute = typeof userBadges;
