import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { deadLetters } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import type { SortKey } from '../../lib/cursor';

type DeadLetterRow = typeof deadLetters.$inferSelect;

export function toDeadLetter(row: DeadLetterRow) {
  return {
    id: row.id,
    message_id: row.messageId,
    queue: row.queue,
    body: row.body,
    attempts: row.attempts,
    enqueued_at: row.enqueuedAt?.toISOString() ?? null,
    received_at: row.receivedAt.toISOString(),
    redriven_at: row.redrivenAt?.toISOString() ?? null,
  };
}

export async function findDeadLetter(db: Database, id: string) {
  const [row] = await db.select().from(deadLetters).where(eq(deadLetters.id, id));
  if (!row) throw new AppError({ code: 'not_found', message: 'Dead letter not found' });
  return row;
}

const sortKey = sql<string>`to_char(${deadLetters.receivedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Newest first, keyset by (received_at, id). */
export async function listDeadLetters(db: Database, filter: { state: 'pending' | 'redriven' | 'all'; limit: number; after?: SortKey }) {
  const conditions: (SQL | undefined)[] = [
    filter.state === 'pending' ? isNull(deadLetters.redrivenAt) : undefined,
    filter.state === 'redriven' ? isNotNull(deadLetters.redrivenAt) : undefined,
    filter.after ? sql`(${deadLetters.receivedAt}, ${deadLetters.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select({ row: deadLetters, sortKey })
    .from(deadLetters)
    .where(and(...conditions))
    .orderBy(desc(deadLetters.receivedAt), desc(deadLetters.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const next: SortKey | undefined = rows.length > filter.limit && last ? { createdAt: last.sortKey, id: last.row.id } : undefined;
  return { items: page.map((r) => r.row), next };
}
