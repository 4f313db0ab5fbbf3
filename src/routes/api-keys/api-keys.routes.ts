import { createRoute } from '@hono/zod-openapi';
import {
  authErrorResponses,
  bodyErrorResponses,
  invalidResponse,
  jsonContent,
  jsonResponse,
  notFoundResponseFor,
  openApiErrorResponses,
  uuidParams,
} from '../../lib/openapi';
import { adminOnly } from '../../middleware/auth';
import { ApiKeyListQuery, ApiKeyPageSchema, CreateApiKeySchema, CreatedApiKeySchema } from './api-keys.schemas';

const tags = ['API keys'];

export const createApiKey = createRoute({
  method: 'post',
  path: '/admin/api-keys',
  operationId: 'createApiKey',
  tags,
  ...adminOnly,
  summary: 'Create a server API key (its secret is shown once)',
  description:
    'A key for a server (a grader, a game server) with the scopes it needs and an optional expiry. The response carries the ' +
    'secret (`sq_live_…`) once; only its SHA-256 is stored, so a lost key is revoked and replaced. Send it as ' +
    '`Authorization: Bearer sq_live_…` or `X-Api-Key: sq_live_…`. Each key is rate limited (API_KEY_REQUESTS_PER_MINUTE).',
  request: { body: { required: true, content: jsonContent(CreateApiKeySchema) } },
  responses: {
    201: jsonResponse(CreatedApiKeySchema, 'Created; `secret` is never shown again'),
    ...authErrorResponses,
    ...openApiErrorResponses,
    ...invalidResponse('json', 'scopes.0', 'Invalid option: expected one of "results:write"|"players:read"|"webhooks:manage"'),
    ...bodyErrorResponses,
  },
});

export const listApiKeys = createRoute({
  method: 'get',
  path: '/admin/api-keys',
  operationId: 'listApiKeys',
  tags,
  ...adminOnly,
  summary: 'Every API key, newest first (never their secrets)',
  description: 'Name, prefix, scopes, expiry, last use and revocation of every key; offset pagination.',
  request: { query: ApiKeyListQuery },
  responses: {
    200: jsonResponse(ApiKeyPageSchema, 'A page of keys, revoked ones included'),
    ...authErrorResponses,
    ...openApiErrorResponses,
  },
});

export const revokeApiKey = createRoute({
  method: 'delete',
  path: '/admin/api-keys/{id}',
  operationId: 'revokeApiKey',
  tags,
  ...adminOnly,
  summary: 'Revoke an API key (from the next request on it is a 401)',
  description: 'The key stays in the list with `revoked_at` set. Revoking it again changes nothing (204).',
  request: { params: uuidParams('id') },
  responses: {
    204: { description: 'Revoked' },
    ...notFoundResponseFor('API key not found'),
    ...authErrorResponses,
    ...openApiErrorResponses,
    ...invalidResponse('param', 'id', 'Invalid UUID'),
  },
});

export type CreateApiKeyRoute = typeof createApiKey;
export type ListApiKeysRoute = typeof listApiKeys;
export type RevokeApiKeyRoute = typeof revokeApiKey;
