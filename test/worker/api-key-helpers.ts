import { generateApiKeySecret, hashApiKeySecret } from '../../src/auth/api-key';
import type { DbHandle } from '../../src/db/client';
import { apiKeys } from '../../src/db/schema';
import { displayPrefix } from '../../src/domain/api-keys';
import { unique } from './helpers';

type Scope = (typeof apiKeys.$inferSelect)['scopes'][number];

/** A key written straight into Postgres (as POST /admin/api-keys stores it); returns its id and secret. */
export async function insertApiKey(
  handle: DbHandle,
  scopes: Scope[],
  { expiresAt = null, revokedAt = null }: { expiresAt?: Date | null; revokedAt?: Date | null } = {},
): Promise<{ id: string; secret: string }> {
  const secret = generateApiKeySecret();
  const [row] = await handle.db
    .insert(apiKeys)
    .values({ name: unique('key '), prefix: displayPrefix(secret), secretHash: await hashApiKeySecret(secret), scopes, expiresAt, revokedAt })
    .returning({ id: apiKeys.id });
  return { id: row!.id, secret };
}
