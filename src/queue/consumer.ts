import { awardAttempt } from '../awards/award-attempt';
import { backfillBadge } from '../awards/badge-backfill';
import { logAward, publishAward } from '../awards/publish-award';
import { failJob, runRecalcBatch } from '../jobs/recalc-xp';
import { configFromEnv, type Config } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices, type Services } from '../middleware/init';
import { QueueMessageSchema, type QueueMessage } from './messages';

/** wrangler.toml's max_retries: after this many attempts the message goes to the dead-letter queue. */
const MAX_ATTEMPTS = 5;

/** Backoff for a failed message: 5 s, 10 s, 20 s … capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

async function handle(message: QueueMessage, services: Services, config: Config, env: Env): Promise<void> {
  switch (message.type) {
    case 'award': {
      const outcome = await awardAttempt(services.db, message.attemptId, config.PASS_THRESHOLD);
      if (!outcome) return; // unknown or never-submitted attempt: nothing to award, ever
      if (outcome.newlyAwarded) logAward(outcome);
      await publishAward(services, outcome);
      return;
    }
    case 'badge_backfill':
      await backfillBadge(services, env, message);
      return;
    case 'recalc_xp':
      await runRecalcBatch(services, env.AWARDS_QUEUE, message);
      return;
  }
}

/** Acks each message on success and retries it with backoff on failure; the DLQ takes what keeps failing. */
export async function consumeBatch(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = configFromEnv(env);
  const scope = createServices(config, env);
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
      await handle(parsed.data, scope.services, config, env);
      message.ack();
    } catch (err) {
      log.error('queue_message_failed', { message_id: message.id, attempts: message.attempts, type: parsed.data.type, ...describeError(err) });
      if (parsed.data.type === 'recalc_xp' && message.attempts >= MAX_ATTEMPTS) {
        await failJob(scope.services.db, parsed.data.jobId, String(err)).catch(() => {});
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
