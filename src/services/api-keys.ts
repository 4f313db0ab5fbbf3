import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { apiKeys } from '../db/schema';

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: string[];
}

/**
 * The usable key with this secret hash (not revoked, not expired), recording its use in the same
 * statement: one round trip. Undefined for an unknown, revoked or expired key.
 */
export async function useApiKey(db: Database, secretHash: string): Promise<ApiKeyPrincipal | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))))
    .returning({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes });
  return row;
}
