import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { demoBadges, demoChallenges, demoUsers } from '../../seed/data.ts';
import { seed } from '../../seed/seed.ts';

async function counts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Only the demo rows: other e2e tests register players in this database at the same time.
    const { rows } = await client.query(
      `select (select count(*) from users where username = any($1))::int as users,
              (select count(*) from challenges where title = any($2))::int as challenges,
              (select count(*) from badges where name = any($3))::int as badges,
              (select string_agg(password_hash, ' ' order by id) from users where username = any($1)) as hashes`,
      [demoUsers.map((u) => u.username), demoChallenges.map((c) => c.title), demoBadges.map((b) => b.name)],
    );
    return rows[0] as { users: number; challenges: number; badges: number; hashes: string };
  } finally {
    await client.end();
  }
}

describe('seed/', () => {
  it('holds the demo data of product.md, and running it again changes nothing', async () => {
    const url = inject('e2eDatabaseUrl'); // `npm run dev` already seeded this database once
    const before = await counts(url);
    expect(await seed(url, '1024,1,1')).toEqual({ users: 0, challenges: 0, badges: 0 });
    const after = await counts(url);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ users: 4, challenges: 7, badges: 6 });
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
