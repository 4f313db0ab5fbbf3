import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challenges } from '../../src/db/schema';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';
import { api, BASE, createUser, openDb, unique, type TestUser } from './helpers';

// The worker project runs with the edge cache off (vitest.config.ts); these requests turn it on.
const CACHE_ON: Partial<Env> = { EDGE_CACHE_CHALLENGES_SECONDS: '60', EDGE_CACHE_LEADERBOARD_SECONDS: '5' };
// Nothing listens on port 1: a request that still gets a 200 was answered from the cache.
const BACKENDS_DOWN: Partial<Env> = { ...CACHE_ON, ...DEAD_REDIS, NEON_WS_PROXY: '127.0.0.1:1/v2' };
const STRONG_ETAG = /^"[A-Za-z0-9_-]{43}"$/;

const handle = openDb();
let admin: TestUser;
beforeAll(async () => {
  admin = await createUser(handle, 'admin');
});
afterAll(() => handle.close());

const get = (path: string, env: Partial<Env> = CACHE_ON, headers: Record<string, string> = {}) => apiWithEnv(env, path, { headers });
const stored = (path: string) => caches.default.match(`${BASE}${path}`);
const retitle = (id: string, title: string) => handle.db.update(challenges).set({ title }).where(eq(challenges.id, id));

async function publishedChallenge(title = unique('Cached ')): Promise<{ id: string; title: string }> {
  const res = await api('POST', '/challenges', { token: admin.token, body: { title, xp: 50, difficulty: 'easy', published: true } });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

async function sha256Base64Url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('ETag and If-None-Match (edge cache off, as in the other tests)', () => {
  it('tags every 200 with the quoted base64url SHA-256 of its body, the same for the same content', async () => {
    const { id } = await publishedChallenge();
    const [first, second] = [await api('GET', `/challenges/${id}`), await api('GET', `/challenges/${id}`)];
    expect(first.headers.get('ETag')).toMatch(STRONG_ETAG);
    expect(first.headers.get('ETag')).toBe(`"${await sha256Base64Url(first.text)}"`);
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(first.headers.get('Cache-Control')).toBe('no-cache');
    expect(first.headers.get('Vary')).toMatch(/\bAuthorization\b/);
    expect(await stored(`/challenges/${id}`)).toBeUndefined();

    await retitle(id, unique('Renamed '));
    expect((await api('GET', `/challenges/${id}`)).headers.get('ETag')).not.toBe(first.headers.get('ETag'));
  });

  it('leaves no internal header on any answer of a cached route: 200, 304, 404, 422', async () => {
    const { id } = await publishedChallenge();
    const full = await api('GET', `/challenges/${id}`);
    const answers = [
      full,
      await api('GET', `/challenges/${id}`, { headers: { 'If-None-Match': full.headers.get('ETag')! } }),
      await api('GET', `/challenges/${crypto.randomUUID()}`),
      await api('GET', '/challenges?limit=0'),
      await api('GET', '/leaderboard?limit=10'),
      await api('GET', '/leaderboard?window=year'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 304, 404, 422, 200, 422]);
    for (const res of answers) expect([...res.headers.keys()].filter((name) => name.startsWith('x-skillquest'))).toEqual([]);
  });

  it('answers 304 with no body and the same ETag and Cache-Control when If-None-Match names the current tag', async () => {
    const { id } = await publishedChallenge();
    const full = await api('GET', `/challenges/${id}`);
    const etag = full.headers.get('ETag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, '*']) {
      const res = await api('GET', `/challenges/${id}`, { headers: { 'If-None-Match': ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.text).toBe('');
      expect(res.headers.get('ETag')).toBe(etag);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(res.headers.get('X-Request-Id')).toBeTruthy();
    }
    const stale = await api('GET', `/challenges/${id}`, { headers: { 'If-None-Match': '"stale"' } });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(full.text);
  });
});

describe('the edge cache (caches.default) for anonymous GETs', () => {
  it('keeps an anonymous 200 under its full URL for max-age seconds and answers the next request from it', async () => {
    const { id, title } = await publishedChallenge();
    const path = `/challenges/${id}`;
    const first = await get(path);
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect((await stored(path))?.headers.get('Cache-Control')).toBe('public, max-age=60');

    await retitle(id, unique('Renamed '));
    const second = await get(path);
    expect(second.json.title).toBe(title); // the copy, not Postgres
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(second.headers.get('X-Request-Id')).not.toBe(first.headers.get('X-Request-Id'));

    const withoutBackends = await get(path, BACKENDS_DOWN);
    expect(withoutBackends.status).toBe(200);
    expect(withoutBackends.text).toBe(first.text);
  });

  it('answers 304 from the cache too, without reaching Postgres or Redis', async () => {
    const { id } = await publishedChallenge();
    const etag = (await get(`/challenges/${id}`)).headers.get('ETag')!;
    const res = await get(`/challenges/${id}`, BACKENDS_DOWN, { 'If-None-Match': etag });
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(res.headers.get('ETag')).toBe(etag);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60');
  });

  it('a 304 on a miss still stores the full 200', async () => {
    const { id } = await publishedChallenge();
    const etag = (await api('GET', `/challenges/${id}`)).headers.get('ETag')!;
    expect((await get(`/challenges/${id}`, CACHE_ON, { 'If-None-Match': etag })).status).toBe(304);
    const hit = await get(`/challenges/${id}`, BACKENDS_DOWN);
    expect(hit.status).toBe(200);
    expect(hit.json.id).toBe(id);
  });

  it('never serves a request with Authorization from the cache, nor stores its answer', async () => {
    const { id } = await publishedChallenge();
    const path = `/challenges/${id}`;
    await get(path);
    const renamed = unique('Renamed ');
    await retitle(id, renamed);

    const asAdmin = await get(path, CACHE_ON, { Authorization: `Bearer ${admin.token}` });
    expect(asAdmin.json.title).toBe(renamed);
    expect(asAdmin.headers.get('Cache-Control')).toBe('private, no-store');
    expect(asAdmin.headers.get('ETag')).toMatch(STRONG_ETAG);
    expect((await get(path)).json.title).not.toBe(renamed); // the anonymous copy was not replaced

    const created = await api('POST', '/challenges', { token: admin.token, body: { title: unique('Draft '), xp: 10, difficulty: 'easy' } });
    expect(created.json.published).toBe(false);
    const draft = `/challenges/${created.json.id}`;
    expect((await get(draft)).status).toBe(404);
    const adminView = await get(draft, CACHE_ON, { Authorization: `Bearer ${admin.token}` });
    expect(adminView.status).toBe(200);
    expect(adminView.json.published).toBe(false);
    expect(await stored(draft)).toBeUndefined();
    expect((await get(draft)).status).toBe(404);
  });

  it('does not store 404s or 422s', async () => {
    const missing = `/challenges/${crypto.randomUUID()}`;
    for (const [path, status] of [[missing, 404], ['/challenges/not-a-uuid', 422], ['/challenges?limit=0', 422], ['/leaderboard?limit=0', 422]] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('Cache-Control'), path).toBeNull();
      expect(await stored(path), path).toBeUndefined();
    }
  });

  it('gives each browser origin its own CORS headers, on a miss and on a hit', async () => {
    const { id } = await publishedChallenge();
    const origins = { ...CACHE_ON, CORS_ORIGINS: 'https://a.example,https://b.example' };
    const first = await get(`/challenges/${id}`, origins, { Origin: 'https://a.example' });
    const second = await get(`/challenges/${id}`, origins, { Origin: 'https://b.example' });
    expect(second.text).toBe(first.text); // the same stored copy
    expect(first.headers.get('Access-Control-Allow-Origin')).toBe('https://a.example');
    expect(second.headers.get('Access-Control-Allow-Origin')).toBe('https://b.example');
    expect((await stored(`/challenges/${id}`))?.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('keeps each query string apart', async () => {
    const prefix = unique('Paged ');
    const older = await publishedChallenge(`${prefix} a`);
    const one = await get(`/challenges?q=${encodeURIComponent(prefix)}&limit=1`);
    expect(one.json.items.map((c: { id: string }) => c.id)).toEqual([older.id]);

    const newer = await publishedChallenge(`${prefix} b`);
    expect((await get(`/challenges?q=${encodeURIComponent(prefix)}&limit=1`)).text).toBe(one.text);
    const two = await get(`/challenges?q=${encodeURIComponent(prefix)}&limit=2`);
    expect(two.json.items.map((c: { id: string }) => c.id)).toEqual([newer.id, older.id]);
  });

  it('keeps the leaderboard for EDGE_CACHE_LEADERBOARD_SECONDS', async () => {
    // An extra query parameter (ignored by the route) gives this test a URL of its own.
    const path = `/leaderboard?limit=3&probe=${unique()}`;
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('X-Leaderboard-Source')).toBe('redis');
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=5');

    const hit = await get(path, BACKENDS_DOWN);
    expect(hit.status).toBe(200);
    expect(hit.text).toBe(first.text);
    expect(hit.headers.get('ETag')).toBe(first.headers.get('ETag'));
  });

  it('does not keep a leaderboard answered from Postgres while Redis is down', async () => {
    const path = `/leaderboard?limit=3&probe=${unique()}`;
    const fallback = await get(path, { ...CACHE_ON, ...DEAD_REDIS });
    expect(fallback.status).toBe(200);
    expect(fallback.headers.get('X-Leaderboard-Source')).toBe('postgres');
    expect(fallback.headers.get('Cache-Control')).toBe('no-cache');
    expect(fallback.headers.get('ETag')).toMatch(STRONG_ETAG);
    expect(await stored(path)).toBeUndefined();
    expect((await get(path)).headers.get('X-Leaderboard-Source')).toBe('redis');
  });
});
