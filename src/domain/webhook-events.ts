/** The events an endpoint can subscribe to, and their stable ids (the same event always has the same id). */
export const webhookEventTypes = ['xp.awarded', 'level.up', 'badge.awarded', 'leaderboard.rank_changed', 'attempt.failed'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** `webhook.test`: what POST /webhooks/{id}/test sends; endpoints get it whatever they subscribe to. */
export const TEST_EVENT = 'webhook.test';

export interface WebhookEvent {
  id: string;
  type: WebhookEventType | typeof TEST_EVENT;
  timestamp: string;
  data: Record<string, unknown>;
}

/** An id built from what the event is about, so a replayed award yields the same id and receivers can de-duplicate. */
export function eventId(type: string, ...subject: string[]): string {
  return `evt_${type.replace(/\./g, '_')}_${subject.join('_')}`;
}
