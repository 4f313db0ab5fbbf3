import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbExecutor } from '../../db/client';
import { uniqueConflict } from '../../db/pg-errors';
import { users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

/** The user as the API shows it to themselves: explicit fields, never the hash or internal columns. */
export function toMeResponse(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    total_xp: row.totalXp,
    level: row.level,
    timezone: row.timezone,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Login accepts a username or an email; both are unique case-insensitively (lower() indexes).
 * `folded` is the name as foldLoginName() answers it: ASCII, already lower-cased.
 */
export async function findUserByLogin(db: Database, folded: string): Promise<UserRow | undefined> {
  const column = folded.includes('@') ? users.email : users.username;
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${column}) = ${folded}`)
    .limit(1);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  timezone: string;
}

export async function insertUser(db: Database, values: NewUser): Promise<UserRow> {
  try {
    const [row] = await db.insert(users).values({ ...values, role: 'player' }).returning();
    if (!row) throw new Error('insert into users returned no row');
    return row;
  } catch (err) {
    throw uniqueConflict(err, userConflicts) ?? err;
  }
}

export type UserPatch = Partial<Pick<UserRow, 'email' | 'timezone' | 'passwordHash'>>;

export async function updateUser(db: DbExecutor, id: string, patch: UserPatch): Promise<UserRow | undefined> {
  try {
    const [row] = await db
      .update(users)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(users.id, id))
      .returning();
    return row;
  } catch (err) {
    throw uniqueConflict(err, userConflicts) ?? err;
  }
}

/**
 * Rehash on login: only if the hash is still the one just verified (a concurrent password change
 * wins). Answers whether it replaced it.
 */
export async function replacePasswordHash(db: Database, id: string, verified: string, passwordHash: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, id), eq(users.passwordHash, verified)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Two concurrent registrations can both pass any pre-check: the unique indexes name the field. */
const userConflicts = {
  users_username_lower_key: { message: 'Username is already taken', details: [{ field: 'username', message: 'already in use' }] },
  users_email_lower_key: { message: 'Email is already registered', details: [{ field: 'email', message: 'already in use' }] },
};
