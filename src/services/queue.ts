import type { QueueMessage } from '../queue/messages';

/** The award queue, typed: every producer sends a validated QueueMessage through here. */
export interface QueueSender {
  send(message: QueueMessage): Promise<void>;
}

export function createQueueSender(env: Pick<Env, 'AWARDS_QUEUE'>): QueueSender {
  return {
    async send(message) {
      await env.AWARDS_QUEUE.send(message);
    },
  };
}
