import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attempts, challenges } from '../../src/db/schema';
import { api, errorOf, expectError, unique, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;

const validBody = () => ({ title: unique('Err '), xp: 100, difficulty: 'easy', published: true });
const fieldsOf = (res: { json: unknown }) => (errorOf(res).details as { field: string }[]).map((d) => d.field);
const countTitled = async (title: string) =>
  (await handle.db.select({ id: challenges.id }).from(challenges).where(eq(challenges.title, title))).length;

describe('GET /challenges: bad query', () => {
  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['difficulty=extreme', 'difficulty'],
    ['tag=not%20a%20tag', 'tag'],
    [`q=${'x'.repeat(101)}`, 'q'],
    ['q=%00', 'q'],
    ['include_unpublished=yes', 'include_unpublished'],
  ])('%s → 422 naming %s', async (query, field) => {
    const res = await api('GET', `/challenges?${query}`);
    expectError(res, 422);
    expect(fieldsOf(res)).toContain(field);
  });

  it.each(['garbage', 'WyJ4Il0', btoa('["2026-01-01T00:00:00.000000Z","not-a-uuid"]'), 'a'.repeat(201)])(
    'a cursor the API never issued (%s) → 422 naming cursor',
    async (cursor) => {
      const res = await api('GET', `/challenges?cursor=${encodeURIComponent(cursor)}`);
      expectError(res, 422);
      expect(fieldsOf(res)).toContain('cursor');
    },
  );

  it('treats SQL-ish text in q as plain text: it matches itself and nothing else', async () => {
    const tag = unique('sqli').toLowerCase();
    const hostile = "' OR 1=1 --";
    const target = (await api('POST', '/challenges', { token: accounts.admin.token, body: { ...validBody(), tags: [tag], title: unique(hostile) } })).json;
    await api('POST', '/challenges', { token: accounts.admin.token, body: { ...validBody(), tags: [tag] } });
    const ids = async (q: string) => {
      const res = await api('GET', `/challenges?tag=${tag}&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      return res.json.items.map((c: { id: string }) => c.id);
    };
    expect(await ids(hostile)).toEqual([target.id]);
    for (const q of ["'); drop table challenges; --", "%' OR '1'='1", '%%', '__', '\\']) expect(await ids(q), q).toEqual([]);
    expect(await countTitled(target.title)).toBe(1);
  });
});

describe('GET /challenges/{id}: bad ids', () => {
  it.each(['not-a-uuid', '123', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g'])('malformed id %s → 422, not 500', async (id) => {
    const res = await api('GET', `/challenges/${encodeURIComponent(id)}`);
    expectError(res, 422);
    expect(fieldsOf(res)).toContain('id');
  });

  it('an unknown id → 404', async () => {
    const res = await api('GET', `/challenges/${crypto.randomUUID()}`);
    expectError(res, 404);
  });
});

describe('POST /challenges: bad bodies change nothing', () => {
  it.each([
    ['a huge title', { title: 'T'.repeat(201) }, 'title'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title with a newline', { title: 'two\nlines' }, 'title'],
    ['xp 0', { xp: 0 }, 'xp'],
    ['xp 10001', { xp: 10_001 }, 'xp'],
    ['xp as a string', { xp: '100' }, 'xp'],
    ['a fractional xp', { xp: 1.5 }, 'xp'],
    ['an unknown difficulty', { difficulty: 'insane' }, 'difficulty'],
    ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    ['a tag with a space', { tags: ['ok', 'not ok'] }, 'tags.1'],
    ['a tag of 33 chars', { tags: ['a'.repeat(33)] }, 'tags.0'],
    ['a description with NUL', { description: 'nul\u0000byte' }, 'description'],
    ['a description over 10,000 chars', { description: 'd'.repeat(10_001) }, 'description'],
    ['published as a string', { published: 'yes' }, 'published'],
  ])('%s → 422 naming the field', async (_name, override, field) => {
    const body = { ...validBody(), ...override };
    const res = await api('POST', '/challenges', { token: accounts.admin.token, body });
    expectError(res, 422);
    expect(fieldsOf(res)).toContain(field);
    if (typeof body.title === 'string') expect(await countTitled(body.title)).toBe(0);
  });

  it('a missing required field → 422 naming it', async () => {
    const res = await api('POST', '/challenges', { token: accounts.admin.token, body: { title: unique('Err ') } });
    expectError(res, 422);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(['xp', 'difficulty']));
  });

  it('malformed JSON → 400 in the error shape, nothing stored', async () => {
    const title = unique('Broken ');
    const res = await api('POST', '/challenges', { token: accounts.admin.token, body: `{"title": "${title}", "xp": 5,` });
    expect(res.status, res.text).toBe(400);
    errorOf(res);
    expect(await countTitled(title)).toBe(0);
  });

  it('a body that is not JSON → 4xx, nothing stored', async () => {
    const title = unique('Form ');
    const res = await api('POST', '/challenges', {
      token: accounts.admin.token,
      body: `title=${title}&xp=5&difficulty=easy`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect([400, 415, 422], res.text).toContain(res.status);
    errorOf(res);
    expect(await countTitled(title)).toBe(0);
  });

  it('a duplicate title → 409, and the first one is unchanged', async () => {
    const body = validBody();
    expect((await api('POST', '/challenges', { token: accounts.admin.token, body })).status).toBe(201);
    const before = await handle.db.select().from(challenges).where(eq(challenges.title, body.title));
    const res = await api('POST', '/challenges', { token: accounts.admin.token, body: { ...body, xp: 999 } });
    expectError(res, 409);
    const rows = await handle.db.select().from(challenges).where(eq(challenges.title, body.title));
    expect(rows).toEqual(before);
    expect(rows.map((r) => r.xp)).toEqual([100]);
  });
});

describe('PUT /challenges/{id}: errors', () => {
  it('an empty body → 422 and nothing changes', async () => {
    const created = (await api('POST', '/challenges', { token: accounts.admin.token, body: validBody() })).json;
    const res = await api('PUT', `/challenges/${created.id}`, { token: accounts.admin.token, body: {} });
    expectError(res, 422);
    expect((await api('GET', `/challenges/${created.id}`)).json).toEqual(created);
  });

  it('a bad field → 422 and nothing changes', async () => {
    const created = (await api('POST', '/challenges', { token: accounts.admin.token, body: validBody() })).json;
    const res = await api('PUT', `/challenges/${created.id}`, { token: accounts.admin.token, body: { title: 'ok', xp: -5 } });
    expectError(res, 422);
    expect(fieldsOf(res)).toEqual(['xp']);
    expect((await api('GET', `/challenges/${created.id}`)).json).toEqual(created);
  });

  it('an unknown id → 404; a malformed one → 422', async () => {
    expectError(await api('PUT', `/challenges/${crypto.randomUUID()}`, { token: accounts.admin.token, body: { xp: 5 } }), 404);
    expectError(await api('PUT', '/challenges/nope', { token: accounts.admin.token, body: { xp: 5 } }), 422);
  });

  it("another challenge's title → 409", async () => {
    const a = (await api('POST', '/challenges', { token: accounts.admin.token, body: validBody() })).json;
    const b = (await api('POST', '/challenges', { token: accounts.admin.token, body: validBody() })).json;
    const res = await api('PUT', `/challenges/${b.id}`, { token: accounts.admin.token, body: { title: a.title } });
    expectError(res, 409);
    expect((await api('GET', `/challenges/${b.id}`)).json.title).toBe(b.title);
  });

  it('an archived challenge → 409 and stays archived', async () => {
    const created = (await api('POST', '/challenges', { token: accounts.admin.token, body: validBody() })).json;
    await handle.db.insert(attempts).values({ userId: accounts.player.id, challengeId: created.id });
    expect((await api('DELETE', `/challenges/${created.id}`, { token: accounts.admin.token })).status).toBe(204);
    const res = await api('PUT', `/challenges/${created.id}`, { token: accounts.admin.token, body: { published: true } });
    expectError(res, 409);
    const [row] = await handle.db.select().from(challenges).where(eq(challenges.id, created.id));
    expect(row).toMatchObject({ published: false, archivedAt: expect.any(Date) });
  });
});

describe('DELETE /challenges/{id}: errors', () => {
  it('an unknown id → 404; a malformed one → 422', async () => {
    expectError(await api('DELETE', `/challenges/${crypto.randomUUID()}`, { token: accounts.admin.token }), 404);
    expectError(await api('DELETE', '/challenges/%27%3B--', { token: accounts.admin.token }), 422);
  });
});
