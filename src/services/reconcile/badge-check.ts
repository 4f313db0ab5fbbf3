import { sql } from 'drizzle-orm';
import { BadgeConditionSchema, evaluateCondition } from '../../domain/badge-conditions';
import { playerSnapshot } from '../player-stats';
import type { Difference, ReconcileCheck } from './types';

/** Players whose snapshots are read at once: each is a few queries on one pooled connection. */
const SNAPSHOT_CONCURRENCY = 5;

interface Unearned {
  user_id: string;
  badge_id: string;
  name: string;
  condition: unknown;
}

/**
 * Badges are never taken away, so an earned badge whose condition no longer holds is no difference;
 * a badge the player qualifies for (playerSnapshot + evaluateCondition, as the award decides) and
 * doesn't have is one.
 */
export const badgeCheck: ReconcileCheck = {
  name: 'badges',
  description: 'every badge a player qualifies for (badge-conditions.ts on playerSnapshot) is in user_badges',
  async batch({ db }, { userIds, at }) {
    if (userIds.length === 0) return [];
    const unearned = await db.execute(sql`
      select u.id as user_id, b.id as badge_id, b.name, b.condition
      from users u cross join badges b
      where u.id = any(${sql.param(userIds)}::uuid[])
        and not exists (select 1 from user_badges ub where ub.user_id = u.id and ub.badge_id = b.id)
      order by u.id, b.name`);
    const byPlayer = new Map<string, Unearned[]>();
    for (const row of unearned.rows as unknown as Unearned[]) byPlayer.set(row.user_id, [...(byPlayer.get(row.user_id) ?? []), row]);

    const differences: Difference[] = [];
    const players = [...byPlayer.entries()];
    for (let i = 0; i < players.length; i += SNAPSHOT_CONCURRENCY) {
      await Promise.all(
        players.slice(i, i + SNAPSHOT_CONCURRENCY).map(async ([userId, badges]) => {
          const snapshot = await playerSnapshot(db, userId, at);
          if (!snapshot) return; // deleted meanwhile
          for (const badge of badges) {
            const condition = BadgeConditionSchema.safeParse(badge.condition);
            if (!condition.success || !evaluateCondition(condition.data, snapshot.stats).met) continue;
            const which = { badge_id: badge.badge_id, name: badge.name };
            differences.push({ check: 'badges', user_id: userId, expected: { ...which, earned: true }, actual: { ...which, earned: false } });
          }
        }),
      );
    }
    return differences.sort((a, b) => `${a.user_id}`.localeCompare(`${b.user_id}`));
  },
};
