import { z } from 'zod';

/** wrangler.toml: the queue of webhook deliveries, consumed by this worker. */
export const WEBHOOK_QUEUE = 'webhooks';

/** One message per delivery attempt; the delivery row holds the event and the endpoint. */
export const WebhookMessageSchema = z.object({ type: z.literal('webhook_delivery'), deliveryId: z.uuid() });
export type WebhookMessage = z.infer<typeof WebhookMessageSchema>;

export interface WebhookQueue {
  /** Sends deliveries now, or after `delaySeconds` (a retry). */
  send(deliveryIds: string[], delaySeconds?: number): Promise<void>;
}

export function createWebhookQueue(env: Pick<Env, 'WEBHOOKS_QUEUE'>): WebhookQueue {
  return {
    async send(deliveryIds, delaySeconds) {
      for (let i = 0; i < deliveryIds.length; i += 100) {
        const messages = deliveryIds.slice(i, i + 100).map((deliveryId) => ({
          body: { type: 'webhook_delivery', deliveryId } satisfies WebhookMessage,
          ...(delaySeconds ? { delaySeconds } : {}),
        }));
        await env.WEBHOOKS_QUEUE.sendBatch(messages);
      }
    },
  };
}
