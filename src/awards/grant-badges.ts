import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../db/client';
import { BadgeConditionSchema, evaluateCondition, type PlayerStats } from '../domain/badge-conditions';

export interface EarnedBadge {
  id: string;
  name: string;
}

export interface CandidateBadge extends EarnedBadge {
  condition: unknown;
}

/** The badges a player has not earned yet (all of them, or only `onlyBadgeId`), by name. */
export async function unearnedBadges(db: DbExecutor, userId: string, onlyBadgeId?: string): Promise<CandidateBadge[]> {
  const rows = await db.execute(sql`
    select b.id, b.name, b.condition from badges b
    where not exists (select 1 from user_badges ub where ub.badge_id = b.id and ub.user_id = ${userId})
    ${onlyBadgeId ? sql`and b.id = ${onlyBadgeId}` : sql``}
    order by b.name, b.id`);
  return rows.rows as unknown as CandidateBadge[];
}

/** The candidates whose condition the stats meet (a stored condition that no longer parses never is). */
export function qualifyingBadges(candidates: CandidateBadge[], stats: PlayerStats): EarnedBadge[] {
  return candidates
    .filter((badge) => {
      const condition = BadgeConditionSchema.safeParse(badge.condition);
      return condition.success && evaluateCondition(condition.data, stats).met;
    })
    .map(({ id, name }) => ({ id, name }));
}

/** One INSERT of all the badges, ON CONFLICT DO NOTHING; returns `badge_id` of the rows it inserted. */
export function insertBadgesSql(userId: string, badges: EarnedBadge[], trigger: Record<string, unknown>) {
  return sql`
    insert into user_badges (user_id, badge_id, metadata)
    select ${userId}, badge_id, ${JSON.stringify(trigger)}::jsonb from unnest(${sql.param(badges.map((b) => b.id))}::uuid[]) as badge_id
    on conflict do nothing returning badge_id`;
}

/** The badges (in `badges` order) whose id is among the inserted ones. */
export function insertedOnly(badges: EarnedBadge[], rows: unknown[]): EarnedBadge[] {
  const inserted = new Set((rows as { badge_id: string }[]).map((row) => row.badge_id));
  return badges.filter((badge) => inserted.has(badge.id));
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
  const earned = qualifyingBadges(await unearnedBadges(db, userId, onlyBadgeId), stats);
  if (earned.length === 0) return [];
  const inserted = await db.execute(insertBadgesSql(userId, earned, trigger));
  return insertedOnly(earned, inserted.rows);
}
