import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attempts, challenges } from '../../src/db/schema';
import { api, expectError, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;

interface Challenge {
  id: string;
  title: string;
  description: string;
  xp: number;
  difficulty: string;
  tags: string[];
  published: boolean;
  created_at: string;
  updated_at: string;
}

async function createChallenge(body: Record<string, unknown>): Promise<Challenge> {
  const res = await api('POST', '/challenges', {
    token: accounts.admin.token,
    body: { title: unique('Challenge '), xp: 100, difficulty: 'easy', published: true, ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function listAll(query: string, token?: string): Promise<Challenge[][]> {
  const pages: Challenge[][] = [];
  let cursor: string | null = null;
  do {
    const res = await api('GET', `/challenges?${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    expect(res.status, res.text).toBe(200);
    pages.push(res.json.items);
    cursor = res.json.next_cursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('POST /challenges', () => {
  it('creates a challenge in the public shape, tags lower-cased and deduplicated', async () => {
    const title = unique('Two Sum ');
    const res = await api('POST', '/challenges', {
      token: accounts.admin.token,
      body: { title, description: 'Add two numbers.', xp: 120, difficulty: 'medium', tags: ['Arrays', 'arrays', 'hash-map'] },
    });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(
      ['created_at', 'description', 'difficulty', 'id', 'published', 'tags', 'title', 'updated_at', 'xp'].sort(),
    );
    expect(res.json).toMatchObject({ title, xp: 120, difficulty: 'medium', tags: ['arrays', 'hash-map'], published: false });
    const [row] = await handle.db.select().from(challenges).where(eq(challenges.id, res.json.id));
    expect(row?.createdBy).toBe(accounts.admin.id);
  });
});

describe('GET /challenges/{id}', () => {
  it('answers a published challenge without a token', async () => {
    const created = await createChallenge({});
    const res = await api('GET', `/challenges/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual(created);
  });
});

describe('GET /challenges filters', () => {
  it('filters by tag, difficulty and text, case-insensitively over title and description', async () => {
    const tag = unique('t').toLowerCase();
    const word = unique('Needle');
    const easy = await createChallenge({ tags: [tag], difficulty: 'easy', title: `${word} in title` });
    const hard = await createChallenge({ tags: [tag], difficulty: 'hard', description: `the ${word.toUpperCase()} hides here` });
    const other = await createChallenge({ tags: [tag], difficulty: 'hard' });
    await createChallenge({ difficulty: 'hard', title: `${word} but untagged` });

    const byTag = await api('GET', `/challenges?tag=${tag}`);
    expect(byTag.json.items.map((c: Challenge) => c.id).sort()).toEqual([easy.id, hard.id, other.id].sort());
    const hardOnes = await api('GET', `/challenges?tag=${tag}&difficulty=hard`);
    expect(hardOnes.json.items.map((c: Challenge) => c.id).sort()).toEqual([hard.id, other.id].sort());
    const text = await api('GET', `/challenges?tag=${tag}&q=${word.toLowerCase()}`);
    expect(text.json.items.map((c: Challenge) => c.id).sort()).toEqual([easy.id, hard.id].sort());
  });

  it('treats %, _ and \\ in q as literal characters', async () => {
    const tag = unique('w').toLowerCase();
    const percent = await createChallenge({ tags: [tag], title: unique('100% ') });
    const underscore = await createChallenge({ tags: [tag], title: unique('snake_case ') });
    const backslash = await createChallenge({ tags: [tag], title: unique('C:\\path ') });
    await createChallenge({ tags: [tag], title: unique('1000 snakeXcase C:path ') });
    const ids = async (q: string) =>
      (await api('GET', `/challenges?tag=${tag}&q=${encodeURIComponent(q)}`)).json.items.map((c: Challenge) => c.id);
    expect(await ids('%')).toEqual([percent.id]);
    expect(await ids('e_c')).toEqual([underscore.id]);
    expect(await ids('C:\\')).toEqual([backslash.id]);
  });
});

describe('GET /challenges pagination', () => {
  it('walks every page with next_cursor, newest first, with no overlap and no gaps', async () => {
    const tag = unique('p').toLowerCase();
    const created: Challenge[] = [];
    for (let i = 0; i < 7; i++) created.push(await createChallenge({ tags: [tag] }));
    const pages = await listAll(`tag=${tag}&limit=3`);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    const seen = pages.flat().map((c) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(created.map((c) => c.id).reverse());
  });

  it('breaks created_at ties by id, so rows created in the same instant are neither skipped nor repeated', async () => {
    const tag = unique('p').toLowerCase();
    const sameInstant = new Date();
    const rows = await handle.db
      .insert(challenges)
      .values(Array.from({ length: 5 }, () => ({ title: unique('Tie '), xp: 10, difficulty: 'easy' as const, tags: [tag], published: true, createdAt: sameInstant })))
      .returning({ id: challenges.id });
    const pages = await listAll(`tag=${tag}&limit=2`);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((c) => c.id)).toEqual(rows.map((r) => r.id).sort().reverse());
  });

  it('returns next_cursor null when everything fits', async () => {
    const tag = unique('p').toLowerCase();
    await createChallenge({ tags: [tag] });
    const res = await api('GET', `/challenges?tag=${tag}&limit=1`);
    expect(res.json).toMatchObject({ next_cursor: null });
    expect(res.json.items).toHaveLength(1);
  });

  it('defaults to 20 items and accepts 100', async () => {
    const tag = unique('p').toLowerCase();
    for (let i = 0; i < 21; i++) await createChallenge({ tags: [tag] });
    const first = await api('GET', `/challenges?tag=${tag}`);
    expect(first.json.items).toHaveLength(20);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    const all = await api('GET', `/challenges?tag=${tag}&limit=100`);
    expect(all.json.items).toHaveLength(21);
  });
});

describe('PUT /challenges/{id}', () => {
  it('changes only the given fields and bumps updated_at', async () => {
    const created = await createChallenge({ description: 'keep me', tags: ['keep'] });
    const res = await api('PUT', `/challenges/${created.id}`, { token: accounts.admin.token, body: { xp: 333, published: false } });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ ...created, xp: 333, published: false, updated_at: expect.any(String) });
    expect(Date.parse(res.json.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));
    expect(res.json.created_at).toBe(created.created_at);
  });
});

describe('DELETE /challenges/{id}', () => {
  it('removes a challenge nobody attempted', async () => {
    const created = await createChallenge({});
    const res = await api('DELETE', `/challenges/${created.id}`, { token: accounts.admin.token });
    expect(res.status).toBe(204);
    expect(await handle.db.select().from(challenges).where(eq(challenges.id, created.id))).toEqual([]);
  });

  it('archives a challenge with attempts, keeping the attempts intact', async () => {
    const tag = unique('a').toLowerCase();
    const created = await createChallenge({ tags: [tag] });
    const [attempt] = await handle.db
      .insert(attempts)
      .values({ userId: accounts.player.id, challengeId: created.id, status: 'passed', score: 90, submittedAt: new Date() })
      .returning();
    const res = await api('DELETE', `/challenges/${created.id}`, { token: accounts.admin.token });
    expect(res.status).toBe(204);

    const [row] = await handle.db.select().from(challenges).where(eq(challenges.id, created.id));
    expect(row?.archivedAt).toBeInstanceOf(Date);
    expect(row?.published).toBe(false);
    expect(await handle.db.select().from(attempts).where(eq(attempts.id, attempt!.id))).toEqual([attempt]);

    expectError(await api('GET', `/challenges/${created.id}`, { token: accounts.player.token }), 404);
    expect((await api('GET', `/challenges?tag=${tag}`)).json.items).toEqual([]);
    const asAdmin = await api('GET', `/challenges/${created.id}`, { token: accounts.admin.token });
    expect(asAdmin.status).toBe(200);
    const archived = await api('GET', `/challenges?tag=${tag}&include_archived=true`, { token: accounts.admin.token });
    expect(archived.json.items.map((c: Challenge) => c.id)).toEqual([created.id]);

    expect((await api('DELETE', `/challenges/${created.id}`, { token: accounts.admin.token })).status).toBe(204);
  });
});

describe('admin listing options', () => {
  it('include_unpublished adds drafts for an admin', async () => {
    const tag = unique('d').toLowerCase();
    const live = await createChallenge({ tags: [tag] });
    const draft = await createChallenge({ tags: [tag], published: false });
    const plain = await api('GET', `/challenges?tag=${tag}`, { token: accounts.admin.token });
    expect(plain.json.items.map((c: Challenge) => c.id)).toEqual([live.id]);
    const all = await api('GET', `/challenges?tag=${tag}&include_unpublished=true`, { token: accounts.admin.token });
    expect(all.json.items.map((c: Challenge) => c.id)).toEqual([draft.id, live.id]);
  });
});
