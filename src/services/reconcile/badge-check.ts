import { sql } from 'drizzle-orm';
import { BadgeConditionSchema, evaluateCondition } from '../../domain/badge-conditions';
import { playersStats } from '../player-stats';
import type { Difference, ReconcileCheck } from './types';

interface Unearned {
  user_id: string;
  badge_id: string;
  name: string;
  condition: unknown;
}

/**
 * Badges are never taken away, so an earned badge whose condition no longer holds is no difference;
 * a badge the player qualifies for (their kept stats + evaluateCondition, as the award decides) and
 * doesn't have is one.
 */
export const badgeCheck: ReconcileCheck = {
  name: 'badges',
  description: 'every badge a player qualifies for (badge-conditions.ts on the player’s stats) is in user_badges',
  async batch({ db }, { userIds }) {
    if (userIds.length === 0) return [];
    const unearned = await db.execute(sql`
      select u.id as user_id, b.id as badge_id, b.name, b.condition
      from users u cross join badges b
      where u.id = any(${sql.param(userIds)}::uuid[])
        and not exists (select 1 from user_badges ub where ub.user_id = u.id and ub.badge_id = b.id)
      order by u.id, b.name`);
    const byPlayer = new Map<string, Unearned[]>();
    for (const row of unearned.rows as unknown as Unearned[]) {
      const badges = byPlayer.get(row.user_id) ?? [];
      badges.push(row);
      byPlayer.set(row.user_id, badges);
    }

    const differences: Difference[] = [];
    const stats = await playersStats(db, [...byPlayer.keys()]);
    for (const [userId, badges] of byPlayer) {
      const player = stats.get(userId);
      if (!player) continue; // deleted meanwhile
      for (const badge of badges) {
        const condition = BadgeConditionSchema.safeParse(badge.condition);
        if (!condition.success || !evaluateCondition(condition.data, player).met) continue;
        const which = { badge_id: badge.badge_id, name: badge.name };
        differences.push({ check: 'badges', user_id: userId, expected: { ...which, earned: true }, actual: { ...which, earned: false } });
      }
    }
    return differences;
  },
};
