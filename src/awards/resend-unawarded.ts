import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { QueueSender } from '../services/queue';

/** An award normally lands within seconds; one still missing after this was lost (or dead-lettered). */
export const UNAWARDED_AFTER_MS = 5 * 60_000;

/**
 * Re-sends the award of every submitted attempt of these players that was never awarded and is older
 * than UNAWARDED_AFTER_MS. The award is idempotent, so one still in flight is paid once all the same.
 * Returns the attempt ids sent.
 */
export async function resendUnawarded(db: Database, queue: QueueSender, userIds: string[], now = new Date()): Promise<string[]> {
  if (userIds.length === 0) return [];
  const before = new Date(now.getTime() - UNAWARDED_AFTER_MS).toISOString();
  const found = await db.execute(sql`
    select id from attempts
    where user_id = any(${sql.param(userIds)}::uuid[]) and status <> 'started' and awarded_at is null and submitted_at < ${before}
    order by submitted_at, id`);
  const ids = (found.rows as { id: string }[]).map((row) => row.id);
  for (let i = 0; i < ids.length; i += 100) {
    await queue.sendBatch(ids.slice(i, i + 100).map((attemptId) => ({ type: 'award' as const, attemptId })));
  }
  return ids;
}
