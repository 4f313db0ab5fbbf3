import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';

/** Which of these usernames exist (compared as usernames are unique: case-insensitively), lower-cased. */
export async function existingUsernames(db: Database, usernames: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ username: sql<string>`lower(${users.username})` })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, usernames.map((name) => name.toLowerCase())));
  return new Set(rows.map((row) => row.username));
}
