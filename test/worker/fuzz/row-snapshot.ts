import { sql, type SQL } from 'drizzle-orm';
import type { DbHandle } from '../../../src/db/client';

/**
 * Counts and a hash of the rows a request of this file could have touched, table by table.
 *
 * Other test files write to the same database at the same time, so a whole-table snapshot would
 * change under us. The scope is what this file can attribute: rows of its own users (users,
 * attempts, xp_events, refresh_tokens), of its own challenges and badges (and challenges its admin
 * created), and users or badges whose name is one of the strings the request carried (a refused
 * register or badge create must not leave one behind). user_badges only for this file's badges:
 * a badge another file creates is granted to every player who qualifies, this file's ones included.
 */
export interface SnapshotScope {
  users: string[];
  challenges: string[];
  badges: string[];
  /** Strings from the request: usernames, emails, badge names it might have created. */
  names: string[];
}

export type RowSnapshot = Record<string, string>;

const digest = (table: SQL, where: SQL) =>
  sql`(select count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${table} t where ${where})`;

/** Strings Postgres can compare as text: no NUL, no lone surrogate, not absurdly long. */
const storable = (s: string) => s.length <= 320 && !s.includes('\u0000') && s.isWellFormed();

export async function rowSnapshot(handle: DbHandle, scope: SnapshotScope): Promise<RowSnapshot> {
  const list = (values: string[]) => sql`${JSON.stringify(values)}::jsonb`;
  const ids = (values: string[]) => sql`(select jsonb_array_elements_text(${list(values)})::uuid)`;
  const names = sql`(select lower(jsonb_array_elements_text(${list([...new Set(scope.names.filter(storable))])})))`;
  const users = ids(scope.users);
  const myBadges = sql`(select b.id from badges b where b.id in ${ids(scope.badges)} or lower(b.name) in ${names})`;
  const result = await handle.db.execute(sql`select
    ${digest(sql`users`, sql`t.id in ${users} or lower(t.username) in ${names} or lower(t.email) in ${names}`)} as users,
    ${digest(sql`challenges`, sql`t.id in ${ids(scope.challenges)} or t.created_by in ${users}`)} as challenges,
    ${digest(sql`attempts`, sql`t.user_id in ${users} or t.challenge_id in ${ids(scope.challenges)}`)} as attempts,
    ${digest(sql`badges`, sql`t.id in ${myBadges}`)} as badges,
    ${digest(sql`user_badges`, sql`t.badge_id in ${myBadges}`)} as user_badges,
    ${digest(sql`xp_events`, sql`t.user_id in ${users}`)} as xp_events,
    ${digest(sql`refresh_tokens`, sql`t.user_id in ${users}`)} as refresh_tokens`);
  return result.rows[0] as RowSnapshot;
}
