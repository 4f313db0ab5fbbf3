import { sql } from 'drizzle-orm';
import { levelForXp } from '../../domain/levels';
import type { Difference, ReconcileCheck } from './types';

/** users.total_xp is the sum of the player's ledger rows (product.md). */
export const xpTotalCheck: ReconcileCheck = {
  name: 'xp_total',
  description: 'users.total_xp equals the sum of the player’s xp_events rows',
  async batch({ db }, { userIds }) {
    const rows = await db.execute(sql`
      select u.id, u.total_xp, coalesce(sum(e.xp), 0)::bigint as ledger_xp
      from users u left join xp_events e on e.user_id = u.id
      where u.id = any(${sql.param(userIds)}::uuid[]) group by u.id`);
    const differences: Difference[] = [];
    for (const row of rows.rows as { id: string; total_xp: number; ledger_xp: string | number }[]) {
      const ledger = Number(row.ledger_xp);
      if (ledger !== row.total_xp) differences.push({ check: 'xp_total', user_id: row.id, expected: ledger, actual: row.total_xp });
    }
    return differences;
  },
};

/** users.level follows the level curve of users.total_xp (computed by domain/levels.ts, never in SQL). */
export const levelCheck: ReconcileCheck = {
  name: 'level',
  description: 'users.level equals levelForXp(users.total_xp)',
  async batch({ db }, { userIds }) {
    const rows = await db.execute(sql`select id, total_xp, level from users where id = any(${sql.param(userIds)}::uuid[])`);
    const differences: Difference[] = [];
    for (const row of rows.rows as { id: string; total_xp: number; level: number }[]) {
      const expected = levelForXp(row.total_xp);
      if (expected !== row.level) differences.push({ check: 'level', user_id: row.id, expected, actual: row.level });
    }
    return differences;
  },
};
