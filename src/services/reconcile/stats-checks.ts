import { sql, type SQL } from 'drizzle-orm';
import { challengesFromSource, passDaysFromSource, statsFromSource, windowTotalsFromSource } from '../player-stats-source';
import type { Difference, ReconcileCheck, ReconcileDeps } from './types';

interface KeptTable {
  /** The table the award keeps, also the check's name. */
  table: string;
  /** Its key besides user_id (null: one row per player). */
  key: string | null;
  columns: string[];
  /** What the recalc would write for these players (player-stats-source.ts). */
  fromSource: (userIds: readonly string[]) => SQL;
}

/**
 * The kept rows of a batch against what the attempts and the ledger say, row by row (a full join on
 * the key), so a missing, extra or different row is one difference each. The expected side is exactly
 * what POST /admin/recalc-xp would write, so every difference is one the recalc repairs.
 */
async function compareKept({ db }: ReconcileDeps, kept: KeptTable, userIds: string[]): Promise<Difference[]> {
  if (userIds.length === 0) return [];
  const keys = ['user_id', ...(kept.key ? [kept.key] : [])];
  const fields = [...(kept.key ? [kept.key] : []), ...kept.columns];
  const row = (alias: string) =>
    sql.raw(`case when ${alias}.user_id is null then null else jsonb_build_object(${fields.map((f) => `'${f}', ${alias}.${f}`).join(', ')}) end`);
  const rows = await db.execute(sql`
    select coalesce(s.user_id, k.user_id) as user_id, ${row('s')} as expected, ${row('k')} as actual
    from (${kept.fromSource(userIds)}) s
    full join (select * from ${sql.identifier(kept.table)} where user_id = any(${sql.param(userIds)}::uuid[])) k
      using (${sql.raw(keys.join(', '))})
    where ${row('s')} is distinct from ${row('k')}
    order by 1`);
  return (rows.rows as { user_id: string; expected: unknown; actual: unknown }[]).map((r) => ({
    check: kept.table,
    user_id: r.user_id,
    expected: r.expected,
    actual: r.actual,
  }));
}

function keptTableCheck(kept: KeptTable, description: string): ReconcileCheck {
  return { name: kept.table, description, batch: (deps, { userIds }) => compareKept(deps, kept, userIds) };
}

/** What the award keeps incrementally (so badges and the leaderboard never re-read a player's history). */
export const statsChecks: ReconcileCheck[] = [
  keptTableCheck(
    { table: 'player_window_totals', key: 'window_id', columns: ['xp', 'reached_at'], fromSource: windowTotalsFromSource },
    'player_window_totals equals the ledger summed per week and month',
  ),
  keptTableCheck(
    { table: 'player_challenges', key: 'challenge_id', columns: ['best_score', 'xp_paid', 'first_passed_at'], fromSource: challengesFromSource },
    'player_challenges equals the awarded passes and the ledger per challenge',
  ),
  keptTableCheck(
    { table: 'player_pass_days', key: 'day', columns: [], fromSource: passDaysFromSource },
    'player_pass_days equals the days of the awarded passes',
  ),
  keptTableCheck(
    {
      table: 'player_stats',
      key: null,
      columns: ['passed_attempts', 'distinct_challenges', 'perfect_scores', 'passed_by_difficulty', 'passed_by_tag', 'current_streak', 'longest_streak', 'last_pass_day'],
      fromSource: statsFromSource,
    },
    'player_stats equals the tally of the awarded passes',
  ),
];
