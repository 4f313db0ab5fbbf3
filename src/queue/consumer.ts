import { runAward } from '../awards/award-job';
import { backfillBadge } from '../awards/badge-backfill';
import { failJob, runRecalcBatch } from '../awards/recalc-xp';
import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices, type Services } from '../services';
import { consumeDeadLetters, DEAD_LETTER_QUEUE } from './dead-letter-consumer';
import { QueueMessageSchema, type QueueMessage } from './messages';

/** wrangler.toml's max_retries: after this many attempts the message goes to the dead-letter queue. */
const MAX_ATTEMPTS = 5;

/** Backoff for a failed message: 5 s, 10 s, 20 s … capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

type Job<T extends QueueMessage['type']> = (message: Extract<QueueMessage, { type: T }>, services: Services) => Promise<unknown>;

/** Every queue job, by message type; each takes (message, services). */
const jobs: { [T in QueueMessage['type']]: Job<T> } = {
  award: runAward,
  badge_backfill: backfillBadge,
  recalc_xp: runRecalcBatch,
};

function runJob(message: QueueMessage, services: Services): Promise<unknown> {
  return (jobs[message.type] as Job<QueueMessage['type']>)(message, services);
}

/** Acks each message on success and retries it with backoff on failure; the DLQ takes what keeps failing. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env, ctx);
  const scope = createServices(configFromEnv(env), env);
  // Messages of a batch are handled concurrently: awards of one player serialise on their row lock
  // in Postgres, and each message is acked or retried on its own.
  const handleOne = async (message: Message<unknown>) => {
    const parsed = QueueMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log.error('queue_message_invalid', { queue: batch.queue, message_id: message.id });
      message.ack(); // a malformed message will never succeed; don't burn retries on it
      return;
    }
    try {
      await runJob(parsed.data, scope.services);
      message.ack();
    } catch (err) {
      log.error('queue_message_failed', { message_id: message.id, attempts: message.attempts, type: parsed.data.type, ...describeError(err) });
      if (parsed.data.type === 'recalc_xp' && message.attempts >= MAX_ATTEMPTS) {
        await failJob(scope.services.pool, parsed.data.jobId, String(err)).catch(() => {});
      }
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  };
  try {
    await Promise.all(batch.messages.map(handleOne));
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
