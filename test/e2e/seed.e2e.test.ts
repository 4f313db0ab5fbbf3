import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../../scripts/migrate.ts';
import { demoBadges, demoChallenges, demoHistory, demoUsers } from '../../seed/data.ts';
import { seed } from '../../seed/seed.ts';
import type { DbHandle } from '../../src/db/client.ts';
import { levelForXp } from '../../src/domain/levels.ts';
import { xpForScore } from '../../src/domain/xp.ts';
import { throwawayDatabase } from '../setup/throwaway-databases.ts';
import { keptAndRecomputed } from '../worker/kept-stats.ts';

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function counts(url: string) {
  return withClient(url, async (client) => {
    // Only the demo rows: other e2e tests register players in this database at the same time.
    const { rows } = await client.query(
      `select (select count(*) from users where username = any($1))::int as users,
              (select count(*) from challenges where title = any($2))::int as challenges,
              (select count(*) from badges where name = any($3))::int as badges,
              (select count(*) from attempts a join users u on u.id = a.user_id where u.username = any($1))::int as attempts,
              (select string_agg(password_hash, ' ' order by id) from users where username = any($1)) as hashes`,
      [demoUsers.map((u) => u.username), demoChallenges.map((c) => c.title), demoBadges.map((b) => b.name)],
    );
    return rows[0] as { users: number; challenges: number; badges: number; attempts: number; hashes: string };
  });
}

/** What a demo player's history is worth, from seed/data.ts and the XP rule (threshold 70). */
function expectedXp(username: string): number {
  const xpOf = new Map(demoChallenges.map((c) => [c.title, c.xp]));
  const attempts = demoHistory.find((h) => h.username === username)?.attempts ?? [];
  return attempts.reduce((sum, a) => sum + xpForScore(xpOf.get(a.challenge)!, a.score, 70), 0);
}

const historyAttempts = demoHistory.reduce((n, h) => n + h.attempts.length, 0);

describe('seed/ on the dev stack’s database', () => {
  it('holds the demo data of product.md, and running it again changes nothing', async () => {
    const url = inject('e2eDatabaseUrl'); // `npm run dev` already seeded this database once
    const before = await counts(url);
    expect(await seed(url, '1024,1,1')).toEqual({ users: 0, challenges: 0, badges: 0, attempts: 0 });
    const after = await counts(url);
    expect(after.hashes).toBe(before.hashes);
    expect(after).toMatchObject({ users: 4, challenges: 7, badges: 6 });
    expect(after.attempts).toBeGreaterThanOrEqual(historyAttempts); // client/example.ts may add one of alice's meanwhile
  });

  it('stores Argon2id hashes, made in Node, that the worker under wrangler dev verifies', async () => {
    const { hashes } = await counts(inject('e2eDatabaseUrl'));
    for (const hash of hashes.split(' ')) expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/); // the stack's cost
    const [alice] = demoUsers.filter((u) => u.username === 'alice');
    const res = await fetch(`${inject('e2eBaseUrl')}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: alice!.username, password: alice!.password }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { token_type: string }).token_type).toBe('bearer');
  });
});

describe('the demo players’ history (a database of its own)', () => {
  const database = throwawayDatabase('seedhistory');
  let client: pg.Client;
  const idOf = new Map<string, string>();

  beforeAll(async () => {
    await migrateDatabase(database.url);
    await seed(database.url, '1024,1,1');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; username: string }>('select id, username from users');
    for (const row of rows) idOf.set(row.username, row.id);
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database.drop();
  });

  it('pays XP and levels by the award rule, with totals that are the ledger’s sums', async () => {
    const { rows } = await client.query(`select u.username, u.total_xp, u.level, coalesce(sum(e.xp), 0)::int as ledger
      from users u left join xp_events e on e.user_id = u.id group by u.id order by u.total_xp desc`);
    expect(rows.map((r) => r.username)).toEqual(['alice', 'bob', 'carol', 'admin']);
    for (const row of rows) {
      expect(row.total_xp).toBe(expectedXp(row.username));
      expect(row.ledger).toBe(row.total_xp);
      expect(row.level).toBe(levelForXp(row.total_xp));
    }
    expect(expectedXp('alice')).toBeGreaterThanOrEqual(1000); // Conqueror
  });

  it('gives alice a 7-day streak with Conqueror and Streak, and bob progress toward both', async () => {
    const { rows } = await client.query(`select u.username, ps.current_streak, ps.longest_streak,
        array(select b.name from user_badges ub join badges b on b.id = ub.badge_id where ub.user_id = u.id order by b.name) as badges
      from users u left join player_stats ps on ps.user_id = u.id where u.username in ('alice', 'bob', 'carol') order by u.username`);
    expect(rows).toEqual([
      { username: 'alice', current_streak: 7, longest_streak: 7, badges: ['Conqueror', 'Explorer', 'First Steps', 'Query Master', 'Streak'] },
      { username: 'bob', current_streak: 3, longest_streak: 3, badges: ['First Steps'] },
      { username: 'carol', current_streak: 1, longest_streak: 1, badges: ['First Steps'] },
    ]);
    const failed = await client.query(`select status, xp_awarded, pass_day from attempts where status = 'failed'`);
    expect(failed.rows).toEqual([{ status: 'failed', xp_awarded: 0, pass_day: null }]);
  });

  it('leaves the award’s kept tables as a recomputation from the attempts and the ledger alone finds them', async () => {
    const handle = { db: drizzle(client) } as unknown as DbHandle;
    const players = ['alice', 'bob', 'carol'].map((name) => idOf.get(name)!);
    const { kept, recomputed } = await keptAndRecomputed(handle, players);
    expect(kept.stats).toHaveLength(3);
    expect(kept).toEqual(recomputed);
  });

  it('is written once: a second run adds no attempt', async () => {
    expect(await seed(database.url, '1024,1,1')).toEqual({ users: 0, challenges: 0, badges: 0, attempts: 0 });
    const { rows } = await client.query('select count(*)::int as n from attempts');
    expect(rows[0].n).toBe(historyAttempts);
  });
});

describe('seed --catalog-only (production)', () => {
  const database = throwawayDatabase('seedcatalog');

  beforeAll(() => migrateDatabase(database.url), 60_000);
  afterAll(() => database.drop());

  it('loads the challenges and badges, and no account or attempt', async () => {
    expect(await seed(database.url, '1024,1,1', { catalogOnly: true })).toEqual({ users: 0, challenges: 7, badges: 6, attempts: 0 });
    const totals = await withClient(database.url, async (client) => (await client.query(`select
      (select count(*) from users)::int as users, (select count(*) from attempts)::int as attempts,
      (select count(*) from challenges where published and created_by is null)::int as challenges`)).rows[0]);
    expect(totals).toEqual({ users: 0, attempts: 0, challenges: 7 });
    expect(await seed(database.url, '1024,1,1', { catalogOnly: true })).toEqual({ users: 0, challenges: 0, badges: 0, attempts: 0 });
  });
});

describe('the seeded stack, as a client sees it', () => {
  const baseUrl = inject('e2eBaseUrl');
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${baseUrl}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const login = async (username: string) => {
    const { password } = demoUsers.find((u) => u.username === username)!;
    const res = await fetch(`${baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    return { token, id: (await get('/auth/me', token)).id as string };
  };

  it('lists the challenges in the seed’s order, and badges too', async () => {
    const titles = new Set(demoChallenges.map((c) => c.title));
    const listed = (await get('/challenges?limit=100')).items.map((c: { title: string }) => c.title).filter((t: string) => titles.has(t));
    expect(listed).toEqual(demoChallenges.map((c) => c.title));
    const names = new Set(demoBadges.map((b) => b.name));
    const badges = (await get('/badges?limit=100')).items.map((b: { name: string }) => b.name).filter((n: string) => names.has(n));
    expect(badges).toEqual(demoBadges.map((b) => b.name));
  });

  it('ranks the demo players on the board, and shows bob’s progress toward Conqueror and Streak', async () => {
    const entries = (await get('/leaderboard?limit=100')).entries as { username: string; total_xp: number; rank: number }[];
    const rankOf = (name: string) => entries.find((e) => e.username === name)?.rank ?? Infinity;
    expect(entries.find((e) => e.username === 'bob')).toMatchObject({ total_xp: expectedXp('bob'), level: levelForXp(expectedXp('bob')) });
    expect(rankOf('alice')).toBeLessThan(rankOf('bob'));
    expect(rankOf('bob')).toBeLessThan(rankOf('carol'));
    const bob = await login('bob');
    const progress = await get(`/users/${bob.id}/progress`);
    const target = (name: string) => progress.badge_progress.find((b: { name: string }) => b.name === name);
    expect(target('Conqueror')).toMatchObject({ current: expectedXp('bob'), target: 1000 });
    expect(target('Streak')).toMatchObject({ current: 3, target: 7 });
    expect(progress.badges.map((b: { name: string }) => b.name)).toEqual(['First Steps']);
  });

  it('awards a new pass through the queue on top of carol’s seeded stats, keeping them exact', async () => {
    const carol = await login('carol');
    const twoSum = (await get('/challenges?limit=100')).items.find((c: { title: string }) => c.title === 'Two Sum');
    const post = (path: string, body: unknown) =>
      fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${carol.token}` }, body: JSON.stringify(body) });
    const attempt = (await (await post('/attempts', { challenge_id: twoSum.id })).json()) as { id: string };
    expect((await post(`/attempts/${attempt.id}/submit`, { score: 100 })).status).toBe(202);
    await withClient(inject('e2eDatabaseUrl'), async (client) => {
      for (let i = 0; i < 150; i++) {
        const { rows } = await client.query('select awarded_at from attempts where id = $1', [attempt.id]);
        if (rows[0]?.awarded_at) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const { kept, recomputed } = await keptAndRecomputed({ db: drizzle(client) } as unknown as DbHandle, [carol.id]);
      expect(kept.stats).toMatchObject([{ passed_attempts: 3, distinct_challenges: 3, perfect_scores: 2 }]);
      expect(kept).toEqual(recomputed);
    });
    expect((await get(`/users/${carol.id}/progress`)).total_xp).toBe(expectedXp('carol') + 100);
  }, 60_000);
});
