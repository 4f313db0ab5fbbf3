import { configFromEnv } from '../lib/config';
import { describeError, log } from '../lib/logger';
import { createServices } from '../services';
import { attemptDelivery } from './deliver';
import { createWebhookQueue, WebhookMessageSchema } from './messages';

/**
 * The `webhooks` queue: one attempt per message. A failed attempt schedules the next one as a new
 * message delayed by the retry schedule (WEBHOOK_RETRY_SCHEDULE_SECONDS) and acks this one, so the
 * schedule, not the queue's max_retries, decides how long a delivery is tried. The queue's own retry
 * only covers a consumer that could not record its attempt.
 */
export async function consumeWebhookDeliveries(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const config = configFromEnv(env);
  const scope = createServices(config, env);
  const queue = createWebhookQueue(env);
  try {
    await Promise.all(batch.messages.map(async (message) => {
      const parsed = WebhookMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        log.error('queue_message_invalid', { queue: batch.queue, message_id: message.id });
        return message.ack();
      }
      try {
        const retryIn = await attemptDelivery(scope.services.db, config, parsed.data.deliveryId);
        if (retryIn !== null) await queue.send([parsed.data.deliveryId], retryIn);
        message.ack();
      } catch (err) {
        log.error('webhook_delivery_failed', { message_id: message.id, delivery_id: parsed.data.deliveryId, ...describeError(err) });
        message.retry({ delaySeconds: 30 });
      }
    }));
  } finally {
    ctx.waitUntil(scope.dispose());
  }
}
