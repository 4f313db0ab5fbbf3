import { z } from 'zod';

/** Every message on the `awards` queue. Versioned by `type`, validated on receipt. */
export const QueueMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('award'), attemptId: z.uuid() }),
  // A badge created (or changed) later is granted to everyone who already qualifies, a batch of
  // players per message; `afterUserId` is where the next batch starts.
  z.object({ type: z.literal('badge_backfill'), badgeId: z.uuid(), afterUserId: z.uuid().optional() }),
  // One batch of the admin "recalc-xp" job; `afterUserId` is where the next batch starts.
  z.object({ type: z.literal('recalc_xp'), jobId: z.uuid(), afterUserId: z.uuid().optional() }),
]);

export type QueueMessage = z.infer<typeof QueueMessageSchema>;
export type AwardMessage = Extract<QueueMessage, { type: 'award' }>;
export type BadgeBackfillMessage = Extract<QueueMessage, { type: 'badge_backfill' }>;
export type RecalcXpMessage = Extract<QueueMessage, { type: 'recalc_xp' }>;
