import { and, asc, gt, sql } from 'drizzle-orm';
import { users } from '../db/schema';
import { log } from '../lib/logger';
import type { BadgeBackfillMessage } from '../queue/messages';
import type { Services } from '../services';
import { playerSnapshot } from '../services/player-stats';
import { grantEarnedBadges } from './grant-badges';

export const BACKFILL_BATCH_SIZE = 100;

/**
 * Grants one badge to a batch of players who already qualify, then enqueues the next batch.
 * Safe to replay: the grant is ON CONFLICT DO NOTHING, and a replayed batch enqueues the same
 * continuation, which is itself idempotent.
 */
export async function backfillBadge(
  { badgeId, afterUserId }: BadgeBackfillMessage,
  { pool: db, queue }: Pick<Services, 'pool' | 'queue'>,
): Promise<number> {
  const exists = await db.execute(sql`select 1 from badges where id = ${badgeId}`);
  if (exists.rows.length === 0) return 0; // deleted meanwhile

  const batch = await db
    .select({ id: users.id })
    .from(users)
    .where(afterUserId ? and(gt(users.id, afterUserId)) : undefined)
    .orderBy(asc(users.id))
    .limit(BACKFILL_BATCH_SIZE);

  let granted = 0;
  for (const { id } of batch) {
    const snapshot = await playerSnapshot(db, id);
    if (!snapshot) continue;
    const earned = await grantEarnedBadges(db, id, snapshot.stats, { backfill: true }, badgeId);
    for (const badge of earned) log.info('badge_awarded', { user_id: id, badge_id: badge.id, badge_name: badge.name, backfill: true });
    granted += earned.length;
  }
  const last = batch.at(-1);
  if (batch.length === BACKFILL_BATCH_SIZE && last) {
    await queue.send({ type: 'badge_backfill', badgeId, afterUserId: last.id });
  }
  return granted;
}
