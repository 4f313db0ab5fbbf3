import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices } from '../services';
import { recordDeadLetter } from '../services/dead-letters';

/** wrangler.toml: the award queue's dead-letter queue, consumed by this worker too. */
export const DEAD_LETTER_QUEUE = 'awards-dlq';
const SOURCE_QUEUE = 'awards';

/**
 * Records each dead message in Postgres (dead_letters), where admins list and redrive them. Never
 * runs the job itself: whatever made it fail five times may still be broken. A message is acked once
 * its row exists (a redelivery finds the row and is acked again); if Postgres can't take it, it is
 * retried after the consumer's retry_delay.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const scope = createServices(configFromEnv(env), env);
  const recordOne = async (message: Message<unknown>) => {
    try {
      const recorded = await recordDeadLetter(scope.services.db, {
        messageId: message.id,
        queue: SOURCE_QUEUE,
        body: message.body,
        attempts: message.attempts,
        enqueuedAt: message.timestamp,
      });
      if (recorded) log.warn('dead_letter_recorded', { id: recorded.id, message_id: message.id, queue: SOURCE_QUEUE });
      message.ack();
    } catch (err) {
      log.error('dead_letter_record_failed', { message_id: message.id, attempts: message.attempts, ...describeError(err) });
      message.retry();
    }
  };
  try {
    await Promise.all(batch.messages.map(recordOne));
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
