import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../../db/schema';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toWebhook(row: EndpointRow) {
  return {
    id: row.id, url: row.url, description: row.description, events: row.events as never[], enabled: row.enabled,
    disabled_reason: row.disabledReason, disabled_at: iso(row.disabledAt), consecutive_failures: row.consecutiveFailures,
    created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(),
  };
}

export function toDelivery(row: DeliveryRow, log: AttemptRow[]) {
  return {
    id: row.id, event_id: row.eventId, event_type: row.eventType, status: row.status, attempts: row.attempts,
    last_status_code: row.lastStatusCode, last_latency_ms: row.lastLatencyMs, last_error: row.lastError,
    next_attempt_at: iso(row.nextAttemptAt), succeeded_at: iso(row.succeededAt), created_at: row.createdAt.toISOString(),
    log: log.map((a) => ({ attempt: a.attempt, ok: a.ok, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error,
      response_excerpt: a.responseExcerpt, at: a.createdAt.toISOString() })),
  };
}

export async function insertEndpoint(db: Database, values: typeof webhookEndpoints.$inferInsert) {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('webhook insert returned nothing');
  return row;
}

export async function findEndpoint(db: Database, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row;
}

export async function listEndpoints(db: Database, { limit, offset }: { limit: number; offset: number }) {
  const [items, [total]] = await Promise.all([
    db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(webhookEndpoints),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function updateEndpoint(db: Database, id: string, set: Partial<typeof webhookEndpoints.$inferInsert>) {
  const [row] = await db.update(webhookEndpoints).set({ ...set, updatedAt: sql`now()` }).where(eq(webhookEndpoints.id, id)).returning();
  return row;
}

export async function deleteEndpoint(db: Database, id: string): Promise<boolean> {
  return (await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })).length > 0;
}

export async function listDeliveries(db: Database, endpointId: string, q: { limit: number; offset: number; status?: DeliveryRow['status'] }) {
  const where: SQL | undefined = and(eq(webhookDeliveries.endpointId, endpointId), q.status ? eq(webhookDeliveries.status, q.status) : undefined);
  const [items, [total]] = await Promise.all([
    db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(webhookDeliveries).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function attemptsOf(db: Database, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return new Map<string, AttemptRow[]>();
  const rows = await db.select().from(webhookDeliveryAttempts).where(inArray(webhookDeliveryAttempts.deliveryId, deliveryIds))
    .orderBy(asc(webhookDeliveryAttempts.id));
  const byDelivery = new Map<string, AttemptRow[]>();
  for (const row of rows) byDelivery.set(row.deliveryId, [...(byDelivery.get(row.deliveryId) ?? []), row]);
  return byDelivery;
}

export async function findDelivery(db: Database, endpointId: string, deliveryId: string) {
  const [row] = await db.select().from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
  return row;
}

/** Puts a delivery back in line for one more attempt (a manual redelivery). */
export async function requeueDelivery(db: Database, deliveryId: string) {
  const [row] = await db.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(webhookDeliveries.id, deliveryId)).returning();
  return row;
}
