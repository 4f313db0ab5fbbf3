import type { QueueMessage } from '../queue/messages';

/** The award queue, typed: every producer sends a validated QueueMessage through here. */
export interface QueueSender {
  send(message: QueueMessage): Promise<void>;
  /** Up to 100 messages in one call (the queue's batch limit). */
  sendBatch(messages: QueueMessage[]): Promise<void>;
}

export function createQueueSender(env: Pick<Env, 'AWARDS_QUEUE'>): QueueSender {
  return {
    async send(message) {
      await env.AWARDS_QUEUE.send(message);
    },
    async sendBatch(messages) {
      if (messages.length > 0) await env.AWARDS_QUEUE.sendBatch(messages.map((body) => ({ body })));
    },
  };
}
