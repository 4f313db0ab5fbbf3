import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { users } from '../db/schema';

export type UserRole = (typeof users.role.enumValues)[number];

/** The role a user has now (one primary-key lookup); undefined when the user no longer exists. */
export async function currentRole(db: Database, userId: string): Promise<UserRole | undefined> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.role;
}
