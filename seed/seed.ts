import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { databaseUrl } from '../scripts/db-url.ts';
import { badges, challenges, users } from '../src/db/schema.ts';
import { hashPassword, parsePasswordParams } from '../src/auth/password.ts';
import { demoBadges, demoChallenges, demoUsers } from './data.ts';
import { seedHistory } from './history.ts';

export interface SeedOptions {
  /** Challenges and badges only: no demo accounts (their passwords are published) and no history. Production. */
  catalogOnly?: boolean;
  /** The pass threshold the demo history is scored with (the worker's PASS_THRESHOLD). */
  passThreshold?: number;
}

export interface SeedCounts {
  users: number;
  challenges: number;
  badges: number;
  /** Past attempts of the demo players (seed/data.ts demoHistory). */
  attempts: number;
}

type Step = (what: string, done: number, total: number) => void;

async function seedUsers(db: NodePgDatabase, hashParams: string, step: Step): Promise<number> {
  const params = parsePasswordParams(hashParams);
  let inserted = 0;
  for (const [i, user] of demoUsers.entries()) {
    const exists = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${user.username})`);
    if (exists.length === 0) {
      const passwordHash = await hashPassword(user.password, params);
      const { password: _plain, ...row } = user;
      inserted += (await db.insert(users).values({ ...row, passwordHash }).onConflictDoNothing().returning({ id: users.id })).length;
    }
    step('users', i + 1, demoUsers.length);
  }
  return inserted;
}

/**
 * The catalog, dated one second apart so it lists in seed/data.ts order: challenges newest first
 * (the first is the newest), badges oldest first (the first is the oldest).
 */
async function seedCatalog(db: NodePgDatabase, now: Date) {
  const secondsAgo = (n: number) => new Date(now.getTime() - n * 1000);
  const [admin] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = 'admin'`);
  const insertedChallenges = await db
    .insert(challenges)
    .values(demoChallenges.map((c, i) => ({ ...c, published: true, createdBy: admin?.id, createdAt: secondsAgo(i), updatedAt: secondsAgo(i) })))
    .onConflictDoNothing()
    .returning({ id: challenges.id });
  const insertedBadges = await db
    .insert(badges)
    .values(demoBadges.map((b, i) => ({ ...b, createdAt: secondsAgo(demoBadges.length - i), updatedAt: secondsAgo(demoBadges.length - i) })))
    .onConflictDoNothing()
    .returning({ id: badges.id });
  return { challenges: insertedChallenges.length, badges: insertedBadges.length };
}

/**
 * Idempotent: users, challenges and badges are inserted ON CONFLICT DO NOTHING on a natural key, and
 * history only for demo players without any attempt, so a second run changes nothing.
 */
export async function seed(url: string, hashParams = process.env.PASSWORD_HASH_PARAMS ?? '19456,2,1', options: SeedOptions = {}): Promise<SeedCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = drizzle(client);
  const step: Step = (what, done, total) =>
    process.stdout.write(`\rseeding ${what.padEnd(10)} ${'#'.repeat(done)}${'.'.repeat(total - done)} ${done}/${total}${done === total ? '\n' : ''}`);
  try {
    const counts: SeedCounts = { users: 0, challenges: 0, badges: 0, attempts: 0 };
    if (!options.catalogOnly) counts.users = await seedUsers(db, hashParams, step);
    Object.assign(counts, await seedCatalog(db, new Date()));
    step('catalog', 1, 1);
    if (!options.catalogOnly) {
      counts.attempts = await seedHistory(db, { threshold: options.passThreshold ?? Number(process.env.PASS_THRESHOLD ?? 70) });
      step('history', 1, 1);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Demo accounts have published passwords: the full seed is for databases on this machine or in its containers. */
function isLocalDatabase(url: string): boolean {
  const host = new URL(url).hostname;
  return ['localhost', '127.0.0.1', '[::1]'].includes(host) || !host.includes('.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const catalogOnly = args.includes('--catalog-only');
  const url = databaseUrl();
  if (!catalogOnly && !isLocalDatabase(url) && !args.includes('--demo-accounts-anywhere')) {
    console.error(
      `Refusing to create the demo accounts (published passwords) on ${new URL(url).hostname}.\n` +
        'For production use `npm run db:seed -- --catalog-only` (challenges and badges only);\n' +
        'to seed demo accounts there anyway, add --demo-accounts-anywhere.',
    );
    process.exit(2);
  }
  const counts = await seed(url, undefined, { catalogOnly });
  console.log(JSON.stringify({ event: 'seeded', catalog_only: catalogOnly, inserted: counts }));
}
