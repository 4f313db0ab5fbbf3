import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  conflictResponseFor,
  invalidResponse,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  payloadTooLargeResponse,
  unauthorizedResponse,
} from '../../lib/openapi';
import { adminOnly, authed } from '../../middleware/auth';
import { deprecatedAlias, deprecationHeaders } from '../../middleware/deprecation';
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
const badgeNotFound = notFoundResponseFor('Badge not found', 'No such badge');
const nameTaken = conflictResponseFor('A badge with this name already exists', 'Another badge has this name (case-insensitively)');

export const list = createRoute({
  method: 'get',
  path: '/badges',
  operationId: 'listBadges',
  tags,
  security: [],
  summary: 'List badges',
  description: 'Public. Every badge with its condition and the condition in words, oldest first; offset pagination with `total`.',
  request: { query: PageQuery },
  responses: { 200: jsonResponse(BadgePageSchema, 'A page of badges'), ...openApiErrorResponses },
});

export const create = createRoute({
  method: 'post',
  path: '/badges',
  operationId: 'createBadge',
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
    ...nameTaken,
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'condition.of.1.count', 'Too small: expected number to be >=1'),
    ...bodyErrorResponses,
  },
});

export const update = createRoute({
  method: 'put',
  path: '/badges/{id}',
  operationId: 'updateBadge',
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
    ...badgeNotFound,
    ...nameTaken,
    ...payloadTooLargeResponse,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'icon_url', 'Must be an https:// URL or a path starting with /'),
    ...bodyErrorResponses,
  },
});

export const remove = createRoute({
  method: 'delete',
  path: '/badges/{id}',
  operationId: 'deleteBadge',
  tags,
  summary: 'Delete a badge nobody has earned (admin)',
  description: 'Badges are never taken away: deleting a badge someone has earned is a 409.',
  ...adminOnly,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    ...authErrorResponses,
    ...badgeNotFound,
    ...conflictResponseFor('Players have earned this badge; badges are never taken away', 'Someone has earned the badge'),
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export const mine = createRoute({
  method: 'get',
  path: '/badges/me',
  operationId: 'listMyBadges',
  tags,
  summary: 'My earned badges',
  description: 'The badges you have earned, most recent first; offset pagination with `total`.',
  ...authed,
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(EarnedBadgePageSchema, 'Badges you earned, most recent first'),
    ...unauthorizedResponse,
    ...openApiErrorResponses,
  },
});

const SUCCESSOR = '/users/{id}/badges';

const userBadgesRoute = <P extends string>(path: P, operationId: string, deprecated: boolean) =>
  createRoute({
    method: 'get',
    path,
    operationId,
    tags,
    security: [],
    summary: deprecated ? `A user’s earned badges (deprecated: use ${SUCCESSOR})` : 'A user’s earned badges',
    description:
      'Public. The badges a player has earned, most recent first; offset pagination with `total`.' +
      (deprecated ? ` Answers as ${SUCCESSOR} does, with \`Deprecation\` and a \`Link\` to it on every answer.` : ''),
    deprecated,
    ...(deprecated ? { middleware: [deprecatedAlias(SUCCESSOR)] } : {}),
    request: { params: IdParams, query: PageQuery },
    responses: {
      200: {
        ...jsonResponse(EarnedBadgePageSchema, 'Badges the user earned, most recent first'),
        ...(deprecated ? { headers: deprecationHeaders } : {}),
      },
      ...notFoundResponseFor('User not found', 'No such user'),
      ...openApiErrorResponses,
      ...invalidResponse('param', 'id', 'Invalid UUID'),
    },
  });

export const userBadges = userBadgesRoute(SUCCESSOR, 'listUserBadges', false);
/** The seed summary's path; answers the same, marked deprecated in the OpenAPI document and in its headers. */
export const userBadgesDeprecated = userBadgesRoute('/badges/users/{id}', 'listUserBadgesDeprecated', true);

export type ListRoute = typeof list;
export type CreateRoute = typeof create;
export type UpdateRoute = typeof update;
export type RemoveRoute = typeof remove;
export type MineRoute = typeof mine;
export type UserBadgesRoute = typeof userBadges;
