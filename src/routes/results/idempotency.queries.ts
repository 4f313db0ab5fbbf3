import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { idempotencyKeys } from '../../db/schema';

/** A claim older than this that never got its answer (a crashed request) may be taken over. */
const ABANDONED_AFTER = sql`interval '2 minutes'`;
/** Answers are replayed for this long; after it the key may be used afresh. */
const KEPT_FOR = sql`interval '24 hours'`;

/**
 * Claims (key, Idempotency-Key) for this request: true when this request may go ahead. The primary key
 * decides between concurrent retries: exactly one insert wins; the others find its row.
 */
export async function claimIdempotencyKey(db: Database, apiKeyId: string, key: string, requestHash: string): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId, key, requestHash })
    .onConflictDoUpdate({
      target: [idempotencyKeys.apiKeyId, idempotencyKeys.key],
      set: { requestHash, statusCode: null, response: null, createdAt: sql`now()` },
      setWhere: sql`${idempotencyKeys.createdAt} < now() - ${KEPT_FOR}
        or (${idempotencyKeys.statusCode} is null and ${idempotencyKeys.createdAt} < now() - ${ABANDONED_AFTER})`,
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

export async function findIdempotencyKey(db: Database, apiKeyId: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function storeAnswer(db: Database, apiKeyId: string, key: string, statusCode: number, response: unknown) {
  await db
    .update(idempotencyKeys)
    .set({ statusCode, response })
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key)));
}

/** A request that failed gives its key back, so the client's retry runs instead of finding nothing to replay. */
export async function releaseClaim(db: Database, apiKeyId: string, key: string) {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.statusCode)));
}
