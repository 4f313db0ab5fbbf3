import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { QueueMessageSchema, type QueueMessage } from '../queue/messages';
import type { QueueSender } from './queue';

export interface DeadLetterReceipt {
  messageId: string;
  queue: string;
  body: unknown;
  attempts: number;
  enqueuedAt: Date | null;
}

/** Records a dead message once: a redelivery finds its row (unique message id) and changes nothing. */
export async function recordDeadLetter(db: Database, letter: DeadLetterReceipt): Promise<{ id: string } | null> {
  const inserted = await db.execute(sql`
    insert into dead_letters (message_id, queue, body, attempts, enqueued_at)
    values (${letter.messageId}, ${letter.queue}, ${JSON.stringify(letter.body ?? null)}::jsonb, ${letter.attempts},
            ${letter.enqueuedAt?.toISOString() ?? null}::timestamptz)
    on conflict (message_id) do nothing returning id`);
  return (inserted.rows[0] as { id: string } | undefined) ?? null;
}

export type RedriveOutcome = 'redriven' | 'not_found' | 'already_redriven' | 'not_a_queue_message';

/**
 * Re-sends one dead letter to the award queue. Claiming it (setting redriven_at where it is null)
 * comes first, so two admins redriving at once send it once; a failed send gives the claim back.
 * Sending it twice would still pay once (the award is idempotent), but the list stays truthful.
 */
export async function redriveDeadLetter(db: Database, queue: QueueSender, id: string): Promise<RedriveOutcome> {
  const claimed = await db.execute(sql`
    update dead_letters set redriven_at = now() where id = ${id} and redriven_at is null returning id, body`);
  const letter = claimed.rows[0] as { id: string; body: unknown } | undefined;
  if (!letter) {
    const found = await db.execute(sql`select 1 from dead_letters where id = ${id}`);
    return found.rows.length === 0 ? 'not_found' : 'already_redriven';
  }
  const message = QueueMessageSchema.safeParse(letter.body);
  if (!message.success) {
    await release(db, [id]);
    return 'not_a_queue_message';
  }
  await sendOrRelease(db, queue, [letter.id], [message.data]);
  return 'redriven';
}

const CLAIM_CHUNK = 100; // the queue's sendBatch limit

/**
 * Redrives every dead letter not yet redriven, oldest first, `max` at most per call. Bodies that are
 * no queue message stay pending (and are skipped); returns how many were sent.
 */
export async function redrivePending(db: Database, queue: QueueSender, max = 1000): Promise<number> {
  let sent = 0;
  const skipped: string[] = [];
  while (sent < max) {
    const claimed = await db.execute(sql`
      update dead_letters set redriven_at = now()
      where id in (select id from dead_letters where redriven_at is null
                   ${skipped.length > 0 ? sql`and id <> all(${sql.param(skipped)}::uuid[])` : sql``}
                   order by received_at, id limit ${Math.min(CLAIM_CHUNK, max - sent)} for update skip locked)
      returning id, body`);
    const rows = claimed.rows as { id: string; body: unknown }[];
    if (rows.length === 0) break;
    const valid = rows.flatMap((row) => {
      const message = QueueMessageSchema.safeParse(row.body);
      return message.success ? [{ id: row.id, message: message.data }] : [];
    });
    const invalid = rows.filter((row) => !valid.some((v) => v.id === row.id)).map((row) => row.id);
    if (invalid.length > 0) {
      await release(db, invalid);
      skipped.push(...invalid);
    }
    await sendOrRelease(db, queue, valid.map((v) => v.id), valid.map((v) => v.message));
    sent += valid.length;
  }
  return sent;
}

export async function countPendingDeadLetters(db: Database): Promise<number> {
  const result = await db.execute(sql`select count(*)::int as n from dead_letters where redriven_at is null`);
  return (result.rows[0] as { n: number }).n;
}

async function sendOrRelease(db: Database, queue: QueueSender, ids: string[], messages: QueueMessage[]) {
  try {
    await queue.sendBatch(messages);
  } catch (err) {
    await release(db, ids);
    throw err;
  }
}

async function release(db: Database, ids: string[]) {
  if (ids.length > 0) await db.execute(sql`update dead_letters set redriven_at = null where id = any(${sql.param(ids)}::uuid[])`);
}
