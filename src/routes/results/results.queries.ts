import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { pgError } from '../../db/pg-errors';
import { attempts, challenges, playerExternalIds, users } from '../../db/schema';
import { isPlayable } from '../challenges/challenges.queries';

export interface NewPlayer {
  username: string;
  email: string;
  passwordHash: string;
}

/**
 * The player an external id names, created with it on first use, in one statement. Two reports
 * creating the same player at once both insert the same derived username: the loser's unique violation
 * sends it back to the lookup, which then finds the winner's row. Undefined: the username given for a
 * new player belongs to someone else.
 */
export async function findOrCreateExternalPlayer(db: Database, externalId: string, player: NewPlayer) {
  const statement = sql<{ user_id: string; created: boolean }>`
    with found as (select user_id from ${playerExternalIds} where external_id = ${externalId}),
    created as (
      insert into ${users} (username, email, password_hash)
      select ${player.username}, ${player.email}, ${player.passwordHash} where not exists (select 1 from found)
      returning id),
    linked as (insert into ${playerExternalIds} (external_id, user_id) select ${externalId}, id from created returning user_id)
    select user_id, false as created from found union all select user_id, true as created from linked`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const { rows } = await db.execute<{ user_id: string; created: boolean }>(statement);
      if (rows[0]) return { userId: rows[0].user_id, created: rows[0].created };
    } catch (err) {
      if (pgError(err)?.code !== '23505') throw err;
    }
  }
  return undefined;
}

/** Which of these player ids exist, with their external ids. */
export async function findPlayers(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await db
    .select({ id: users.id, externalId: playerExternalIds.externalId })
    .from(users)
    .leftJoin(playerExternalIds, eq(playerExternalIds.userId, users.id))
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.externalId]));
}

/** Which of these challenges a result may be reported for: published and not archived. */
export async function findPlayableChallenges(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: challenges.id })
    .from(challenges)
    .where(and(inArray(challenges.id, ids), isPlayable));
  return new Set(rows.map((r) => r.id));
}

/** Submitted attempts, written as the submit route leaves them (the award queue does the rest). */
export async function insertSubmittedAttempts(db: Database, rows: (typeof attempts.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(attempts).values(rows);
}

/** Undoes reports whose awards could not be enqueued, so a retry starts clean. */
export async function deleteUnawarded(db: Database, ids: string[]) {
  if (ids.length > 0) await db.delete(attempts).where(and(inArray(attempts.id, ids), isNull(attempts.awardedAt)));
}

export async function findExternalPlayer(db: Database, externalId: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, totalXp: users.totalXp, level: users.level, createdAt: users.createdAt })
    .from(playerExternalIds)
    .innerJoin(users, eq(users.id, playerExternalIds.userId))
    .where(eq(playerExternalIds.externalId, externalId));
  return row;
}
