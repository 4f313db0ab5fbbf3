import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { QueueSender } from '../services/queue';

/** An award normally lands within seconds; one still missing after this was lost (or dead-lettered). */
export const UNAWARDED_AFTER_MS = 5 * 60_000;

/** Awards one sweep sends at most; the next sweep, a minute later, takes the rest. */
export const SWEEP_LIMIT = 1_000;

async function sendAwards(queue: QueueSender, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) {
    await queue.sendBatch(ids.slice(i, i + 100).map((attemptId) => ({ type: 'award' as const, attemptId })));
  }
}

/** Submitted attempts never awarded, submitted before `before` and matching `where`, oldest first (at most `limit`). */
async function unawarded(db: Database, before: Date, where: SQL, limit?: number): Promise<string[]> {
  const found = await db.execute(sql`
    select id from attempts
    where status <> 'started' and awarded_at is null and submitted_at < ${before.toISOString()} and ${where}
    order by submitted_at, id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`);
  return (found.rows as { id: string }[]).map((row) => row.id);
}

/**
 * Re-sends the award of every submitted attempt of these players that was never awarded and is older
 * than UNAWARDED_AFTER_MS, dead-lettered ones included (recalc-xp is the admin's repair). The award is
 * idempotent, so one still in flight is paid once all the same. Returns the attempt ids sent.
 */
export async function resendUnawarded(db: Database, queue: QueueSender, userIds: string[], now = new Date()): Promise<string[]> {
  if (userIds.length === 0) return [];
  const before = new Date(now.getTime() - UNAWARDED_AFTER_MS);
  const ids = await unawarded(db, before, sql`user_id = any(${sql.param(userIds)}::uuid[])`);
  await sendAwards(queue, ids);
  return ids;
}

/**
 * The cron's sweep: re-sends the awards that never reached the queue. A submit whose write committed
 * but whose answer was lost on the way back (the connection cut in between) tells the player 503 and
 * sends nothing: its attempt would stay submitted and unpaid for good. Any submission unawarded for
 * `olderThanMs` is sent again (the award is idempotent, so one merely slow is paid once all the same),
 * but not one whose message is on the dead-letter list: that is the admins' to redrive, and sending it
 * again would only dead-letter it again. One query on the partial index of unawarded attempts.
 */
export async function resendLostAwards(db: Database, queue: QueueSender, { olderThanMs, now }: { olderThanMs: number; now: Date }): Promise<string[]> {
  const notDeadLettered = sql`not exists (
    select 1 from dead_letters where redriven_at is null and body->>'attemptId' = attempts.id::text)`;
  const ids = await unawarded(db, new Date(now.getTime() - olderThanMs), notDeadLettered, SWEEP_LIMIT);
  await sendAwards(queue, ids);
  return ids;
}
