import type { Context } from 'hono';
import type { AppBindings } from '../../lib/types';
import type { QueueMessage } from '../../queue/messages';

/**
 * Asks the award consumer to grant a new (or changed) badge to every player who already qualifies.
 * The consumer's handler is idempotent (user_badges is unique per user and badge), so a duplicate is harmless.
 */
export async function enqueueBadgeBackfill(c: Context<AppBindings>, badgeId: string): Promise<void> {
  const message: QueueMessage = { type: 'badge_backfill', badgeId };
  await c.env.AWARDS_QUEUE.send(message);
}
