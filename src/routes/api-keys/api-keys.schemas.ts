import { z } from '@hono/zod-openapi';
import { apiKeyScopes } from '../../db/schema';
import { OffsetPageQuery } from '../../lib/openapi';

export const ApiKeyScopeSchema = z.enum(apiKeyScopes).openapi({
  description: '`results:write`: POST /results; `players:read`: GET /players/external/{external_id}; `webhooks:manage`: the /webhooks routes',
});

export const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'grader (production)' }),
    scopes: z.array(ApiKeyScopeSchema).min(1).max(apiKeyScopes.length).openapi({ example: ['results:write', 'webhooks:manage'] }),
    expires_at: z.iso
      .datetime({ offset: true })
      .refine((at) => Date.parse(at) > Date.now(), 'must be in the future')
      .optional()
      .openapi({ description: 'After this the key is refused (401); none: it lasts until revoked', example: '2027-01-01T00:00:00Z' }),
  })
  .openapi('CreateApiKey');

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell keys apart', example: 'sq_live_Xy3k9Q' }),
    scopes: z.array(ApiKeyScopeSchema),
    created_at: z.string(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    last_used_at: z.string().nullable().openapi({ description: 'Last authenticated request with this key' }),
  })
  .openapi('ApiKey');

export const CreatedApiKeySchema = ApiKeySchema.extend({
  secret: z.string().openapi({
    description: 'The key itself. Shown only in this response: store it now (only its hash is kept).',
    example: 'sq_live_Xy3k9QmF2v0bq8T1aZ5rW7eY4uI6oP0sD2fG8hJ1kL3',
  }),
}).openapi('CreatedApiKey');

export const ApiKeyListQuery = OffsetPageQuery;

export const ApiKeyPageSchema = z.object({ items: z.array(ApiKeySchema), total: z.number().int() }).openapi('ApiKeyPage');
