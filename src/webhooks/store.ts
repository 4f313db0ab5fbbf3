import { and, arrayOverlaps, eq, inArray, sql } from 'drizzle-orm';
import { inOneRoundTrip, type Database } from '../db/client';
import { attempts, playerExternalIds, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../db/schema';
import type { WebhookEvent } from '../domain/webhook-events';

/** All the SQL of the webhook capability that the routes and the delivery consumer share. */

export async function enabledEndpointsFor(db: Database, types: string[]) {
  if (types.length === 0) return [];
  return db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), arrayOverlaps(webhookEndpoints.events, types)));
}

/**
 * One delivery per (endpoint, event): a replayed award inserts nothing new. Returns the ids to send:
 * the deliveries this call created, and those of its events that were stored before but never tried.
 */
export async function insertDeliveries(db: Database, rows: { endpointId: string; event: WebhookEvent }[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(webhookDeliveries)
    .values(rows.map(({ endpointId, event }) => ({ endpointId, eventId: event.id, eventType: event.type, payload: event })))
    // A replay of the same events (their award's batch retried) hands back the deliveries never tried yet, so one
    // stored but never queued (the send failed) is queued then; the delivery consumer skips what already succeeded.
    .onConflictDoUpdate({
      target: [webhookDeliveries.endpointId, webhookDeliveries.eventId],
      set: { updatedAt: sql`now()` },
      setWhere: sql`${webhookDeliveries.status} = 'pending' and ${webhookDeliveries.attempts} = 0`,
    })
    .returning({ id: webhookDeliveries.id });
  return inserted.map((row) => row.id);
}

/** What the events need beyond the award's outcome: pass or fail, the score, the platform's id of the player. */
export async function attemptFacts(db: Database, attemptIds: string[]) {
  if (attemptIds.length === 0) return new Map<string, { status: string; score: number | null; externalId: string | null }>();
  const rows = await db
    .select({ id: attempts.id, status: attempts.status, score: attempts.score, externalId: playerExternalIds.externalId })
    .from(attempts)
    .leftJoin(playerExternalIds, eq(playerExternalIds.userId, attempts.userId))
    .where(inArray(attempts.id, attemptIds));
  return new Map(rows.map((row) => [row.id, { status: row.status, score: row.score, externalId: row.externalId }]));
}

export async function deliveryWithEndpoint(db: Database, deliveryId: string) {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  return row;
}

export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** Seconds until the next try; null: no more tries (succeeded, or out of retries). */
  retryInSeconds: number | null;
  disableAfter: number;
}

/**
 * Writes one attempt to the log, moves the delivery on, and counts the endpoint's failures in a row,
 * disabling it (with the reason) when they reach the limit. One non-interactive transaction.
 */
export async function recordAttempt(db: Database, r: AttemptRecord): Promise<{ disabled: boolean }> {
  const status = r.ok ? 'succeeded' : r.retryInSeconds === null ? 'failed' : 'pending';
  const what = r.statusCode !== null ? `HTTP ${r.statusCode}` : (r.error ?? 'no answer');
  const reason = `Disabled after ${r.disableAfter} failed delivery attempts in a row (last: ${what})`;
  const failing = sql`${webhookEndpoints.enabled} and ${webhookEndpoints.consecutiveFailures} + 1 >= ${r.disableAfter}`;
  const endpointUpdate = r.ok
    ? db.update(webhookEndpoints).set({ consecutiveFailures: 0 })
    : db.update(webhookEndpoints).set({
        consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`,
        enabled: sql`${webhookEndpoints.enabled} and not (${failing})`,
        disabledAt: sql`case when ${failing} then now() else ${webhookEndpoints.disabledAt} end`,
        disabledReason: sql`case when ${failing} then ${reason} else ${webhookEndpoints.disabledReason} end`,
      });
  const [, , endpoint] = await inOneRoundTrip(db, [
    db.insert(webhookDeliveryAttempts).values({ deliveryId: r.deliveryId, attempt: r.attempt, ok: r.ok, statusCode: r.statusCode,
      latencyMs: r.latencyMs, error: r.error, responseExcerpt: r.responseExcerpt }),
    db.update(webhookDeliveries).set({
      status, attempts: r.attempt, lastStatusCode: r.statusCode, lastLatencyMs: r.latencyMs, lastError: r.error, updatedAt: sql`now()`,
      nextAttemptAt: r.retryInSeconds === null ? null : sql`now() + make_interval(secs => ${r.retryInSeconds})`,
      ...(r.ok ? { succeededAt: sql`now()` } : {}),
    }).where(eq(webhookDeliveries.id, r.deliveryId)),
    endpointUpdate.where(eq(webhookEndpoints.id, r.endpointId)).returning({ enabled: webhookEndpoints.enabled }),
  ]);
  return { disabled: endpoint[0]?.enabled === false };
}

/** A delivery that will not be tried (its endpoint is disabled): failed, with why. */
export async function failWithoutAttempt(db: Database, deliveryId: string, error: string) {
  await db.update(webhookDeliveries).set({ status: 'failed', lastError: error, nextAttemptAt: null, updatedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}
