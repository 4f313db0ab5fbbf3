import { generateApiKeySecret, hashApiKeySecret } from '../../auth/api-key';
import { displayPrefix } from '../../domain/api-keys';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { AppRouteHandler } from '../../lib/types';
import type { CreateApiKeyRoute, ListApiKeysRoute, RevokeApiKeyRoute } from './api-keys.routes';
import * as queries from './api-keys.queries';

export const createApiKey: AppRouteHandler<CreateApiKeyRoute> = async (c) => {
  const body = c.req.valid('json');
  const secret = generateApiKeySecret();
  const row = await queries.insertApiKey(c.var.services.db, {
    name: body.name,
    prefix: displayPrefix(secret),
    secretHash: await hashApiKeySecret(secret),
    scopes: [...new Set(body.scopes)],
    expiresAt: body.expires_at ? new Date(body.expires_at) : null,
    createdBy: c.var.user.id,
  });
  log.info('api_key_created', { request_id: c.var.requestId, api_key_id: row.id, scopes: row.scopes, by: c.var.user.id });
  return c.json({ ...queries.toApiKey(row), secret }, 201);
};

export const listApiKeys: AppRouteHandler<ListApiKeysRoute> = async (c) => {
  const page = await queries.listApiKeys(c.var.services.db, c.req.valid('query'));
  return c.json({ items: page.items.map(queries.toApiKey), total: page.total }, 200);
};

export const revokeApiKey: AppRouteHandler<RevokeApiKeyRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const row = await queries.revokeApiKey(c.var.services.db, id);
  if (!row) throw new AppError({ code: 'not_found', message: 'API key not found' });
  log.info('api_key_revoked', { request_id: c.var.requestId, api_key_id: id, by: c.var.user.id });
  return c.body(null, 204);
};
