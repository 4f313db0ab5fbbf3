import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { BadgeConditionSchema, evaluateCondition, type PlayerStats } from '../domain/badge-conditions';

export interface EarnedBadge {
  id: string;
  name: string;
}

/**
 * Inserts every badge the player now qualifies for and has not earned yet. ON CONFLICT DO NOTHING
 * makes a replay harmless; only badges inserted by this call are returned (to log and broadcast).
 */
export async function grantEarnedBadges(
  db: DbExecutor,
  userId: string,
  stats: PlayerStats,
  trigger: Record<string, unknown>,
  onlyBadgeId?: string,
): Promise<EarnedBadge[]> {
  const candidates = await db.execute(sql`
    select b.id, b.name, b.condition from badges b
    where not exists (select 1 from user_badges ub where ub.badge_id = b.id and ub.user_id = ${userId})
    ${onlyBadgeId ? sql`and b.id = ${onlyBadgeId}` : sql``}`);
  const earned: EarnedBadge[] = [];
  for (const badge of candidates.rows as { id: string; name: string; condition: unknown }[]) {
    const condition = BadgeConditionSchema.safeParse(badge.condition);
    if (!condition.success || !evaluateCondition(condition.data, stats).met) continue;
    const inserted = await db.execute(sql`
      insert into user_badges (user_id, badge_id, metadata)
      values (${userId}, ${badge.id}, ${JSON.stringify(trigger)}::jsonb)
      on conflict do nothing returning badge_id`);
    if (inserted.rows.length > 0) earned.push({ id: badge.id, name: badge.name });
  }
  return earned;
}

/** The badges an award granted (its trigger names the attempt), for replaying its announcement. */
export async function badgesEarnedBy(db: DbExecutor, userId: string, attemptId: string): Promise<EarnedBadge[]> {
  const rows = await db.execute(sql`
    select b.id, b.name from user_badges ub join badges b on b.id = ub.badge_id
    where ub.user_id = ${userId} and ub.metadata->>'attempt_id' = ${attemptId}
    order by ub.awarded_at, b.name`);
  return (rows.rows as { id: string; name: string }[]).map(({ id, name }) => ({ id, name }));
}
