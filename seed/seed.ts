import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { databaseUrl } from '../scripts/db-url.ts';
import { badges, challenges, users } from '../src/db/schema.ts';
import { hashPassword, parsePasswordParams } from '../src/auth/password.ts';
import { demoBadges, demoChallenges, demoUsers } from './data.ts';

/** Idempotent: every insert is ON CONFLICT DO NOTHING on a natural key, so a second run changes nothing. */
export async function seed(url: string, hashParams = process.env.PASSWORD_HASH_PARAMS ?? '19456,2,1') {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = drizzle(client);
  const params = parsePasswordParams(hashParams);
  const counts = { users: 0, challenges: 0, badges: 0 };
  const step = (what: string, done: number, total: number) =>
    process.stdout.write(`\rseeding ${what.padEnd(10)} ${'#'.repeat(done)}${'.'.repeat(total - done)} ${done}/${total}${done === total ? '\n' : ''}`);
  try {
    for (const [i, user] of demoUsers.entries()) {
      const exists = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${user.username})`);
      if (exists.length === 0) {
        const passwordHash = await hashPassword(user.password, params);
        const { password: _plain, ...row } = user;
        const inserted = await db.insert(users).values({ ...row, passwordHash }).onConflictDoNothing().returning({ id: users.id });
        counts.users += inserted.length;
      }
      step('users', i + 1, demoUsers.length);
    }
    const [admin] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = 'admin'`);
    const inserted = await db
      .insert(challenges)
      .values(demoChallenges.map((c) => ({ ...c, published: true, createdBy: admin?.id })))
      .onConflictDoNothing()
      .returning({ id: challenges.id });
    counts.challenges = inserted.length;
    step('challenges', demoChallenges.length, demoChallenges.length);
    const insertedBadges = await db.insert(badges).values(demoBadges).onConflictDoNothing().returning({ id: badges.id });
    counts.badges = insertedBadges.length;
    step('badges', demoBadges.length, demoBadges.length);
  } finally {
    await client.end();
  }
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = await seed(databaseUrl());
  console.log(JSON.stringify({ event: 'seeded', inserted: counts }));
}
