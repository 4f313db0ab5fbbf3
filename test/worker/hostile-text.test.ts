import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../src/db/schema';
import { encodeCursor } from '../../src/lib/cursor';
import { onError } from '../../src/lib/error-handler';
import type { AppBindings } from '../../src/lib/types';
import { createChallenge } from './award-helpers';
import { api, createUser, errorOf, expectError, openDb, type TestUser, unique } from './helpers';

// Strings Postgres cannot store (NUL: text and jsonb refuse it) or that are not Unicode at all (a lone
// UTF-16 surrogate: jsonb refuses it, UTF-8 silently turns it into U+FFFD). Each is a 422 naming the field.
const NUL = 'a\u0000b';
const LONE_HIGH = 'a\ud800b';
const LONE_LOW = '\udc00';

const handle = openDb();
let admin: TestUser;
beforeAll(async () => {
  admin = await createUser(handle, 'admin');
});
afterAll(() => handle.close());

function expectRefused(res: { status: number; text: string; json: unknown }, field: string) {
  expectError(res, 422);
  const error = errorOf(res);
  expect(error.code).toBe('validation_failed');
  expect((error.details as { field: string }[]).map((d) => d.field)).toContain(field);
}

async function startedAttempt() {
  const player = await createUser(handle);
  const challenge = await createChallenge(handle);
  const res = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
  expect([200, 201]).toContain(res.status);
  return { player, id: res.json.id as string };
}

async function expectStillStarted(id: string) {
  const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
  expect(row).toMatchObject({ status: 'started', solution: null, metadata: {} });
}

describe('login names', () => {
  it.each([['NUL', NUL], ['a lone surrogate', LONE_HIGH]])('a login name with %s → 422 naming username', async (_, username) => {
    expectRefused(await api('POST', '/auth/login', { body: { username, password: 'whatever-123' } }), 'username');
  });

  it.each([['NUL', NUL], ['a lone surrogate', LONE_LOW]])('a password with %s → 422 naming password', async (_, password) => {
    const body = { username: unique('pw'), email: `${unique('pw')}@example.test`, password: `long-enough-${password}` };
    expectRefused(await api('POST', '/auth/register', { body }), 'password');
  });
});

describe('POST /attempts/{id}/submit', () => {
  it.each([['NUL', NUL], ['a lone high surrogate', LONE_HIGH], ['a lone low surrogate', LONE_LOW]])(
    'a solution with %s → 422 naming solution, attempt unchanged',
    async (_, solution) => {
      const { player, id } = await startedAttempt();
      expectRefused(await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, solution } }), 'solution');
      await expectStillStarted(id);
    },
  );

  it.each([
    ['NUL in a nested value', 'metadata.editor.name', { editor: { name: NUL } }],
    ['NUL in an array item', 'metadata.tags.1', { tags: ['ok', NUL] }],
    ['NUL in a key', 'metadata', { [NUL]: 1 }],
    ['a lone surrogate in a value', 'metadata.language', { language: LONE_HIGH }],
    ['a lone surrogate in a nested key', 'metadata.outer', { outer: { [LONE_LOW]: true } }],
  ])('metadata with %s → 422 naming %s, attempt unchanged', async (_, field, metadata) => {
    const { player, id } = await startedAttempt();
    expectRefused(await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, metadata } }), field);
    await expectStillStarted(id);
  });

  it('a raw JSON body with a \\ud800 escape → 422 naming the field', async () => {
    const { player, id } = await startedAttempt();
    const body = '{"score":90,"metadata":{"note":"\\ud800"}}';
    expectRefused(await api('POST', `/attempts/${id}/submit`, { token: player.token, body }), 'metadata.note');
    await expectStillStarted(id);
  });

  it('well-formed text outside the BMP (a surrogate pair) is accepted', async () => {
    const { player, id } = await startedAttempt();
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, solution: 'ok 😀', metadata: { mood: '😀' } } });
    expect(res.status, res.text).toBe(202);
  });
});

describe('admin free text', () => {
  it.each([
    ['title', LONE_HIGH],
    ['description', LONE_LOW],
  ])('a challenge %s with a lone surrogate → 422 naming it', async (field, value) => {
    const body = { title: unique('Hostile '), xp: 10, difficulty: 'easy', [field]: field === 'title' ? unique(value) : value };
    expectRefused(await api('POST', '/challenges', { token: admin.token, body }), field);
  });

  it.each([
    ['name', `${unique('B')}${LONE_HIGH}`],
    ['description', LONE_LOW],
    ['icon_url', `/icons/${LONE_HIGH}.svg`],
  ])('a badge %s with a lone surrogate → 422 naming it', async (field, value) => {
    const body = { name: unique('Hostile badge '), condition: { type: 'xp', threshold: 10 }, [field]: value };
    expectRefused(await api('POST', '/badges', { token: admin.token, body }), field);
  });
});

describe('pagination cursors that decode to impossible dates', () => {
  const id = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
  it.each(['2024-13-01T00:00:00.000000Z', '2024-02-30T00:00:00.000000Z', '2023-02-29T00:00:00.000000Z', '2024-01-01T24:00:00.000000Z',
    '2024-01-01T00:60:00.000000Z', '0000-01-01T00:00:00.000000Z'])('%s → 422 naming cursor', async (createdAt) => {
    const cursor = encodeCursor({ createdAt, id });
    const player = await createUser(handle);
    expectRefused(await api('GET', `/attempts?cursor=${cursor}`, { token: player.token }), 'cursor');
    expectRefused(await api('GET', `/challenges?cursor=${cursor}`), 'cursor');
  });

  it('a leap day is a real date', async () => {
    const cursor = encodeCursor({ createdAt: '2024-02-29T23:59:59.999999Z', id });
    expect((await api('GET', `/challenges?cursor=${cursor}`)).status).toBe(200);
  });
});

describe('safety net', () => {
  it('a Postgres data exception (SQLSTATE class 22) that slips past validation is a 422, not a 500', async () => {
    // A real error from Postgres through the production driver: NUL is not valid in a UTF-8 text value (22021).
    const app = new Hono<AppBindings>();
    app.onError(onError);
    app.get('/', async (c) => c.json(await handle.db.execute(sql`select ${NUL}::text as value`)));
    const res = await app.request('/');
    expect(res.status).toBe(422);
    expect(errorOf({ json: await res.json() }).code).toBe('validation_failed');
  });
});
