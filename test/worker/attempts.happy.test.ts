import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../src/db/schema';
import { createChallenge, deliver } from './award-helpers';
import { api, createUser, openDb, type TestUser } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

const start = async (token: string, challengeId: string) => {
  const res = await api('POST', '/attempts', { token, body: { challenge_id: challengeId } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; [k: string]: unknown };
};
const submit = (token: string, id: string, body: unknown) => api('POST', `/attempts/${id}/submit`, { token, body });

describe('POST /attempts and POST /attempts/{id}/submit', () => {
  let player: TestUser;
  beforeAll(async () => {
    player = await createUser(handle);
  });

  it('starts an attempt in the public shape', async () => {
    const challenge = await createChallenge(handle);
    const attempt = await start(player.token, challenge.id);
    expect(attempt).toEqual({
      id: expect.any(String),
      user_id: player.id,
      challenge_id: challenge.id,
      status: 'started',
      score: null,
      xp_awarded: null,
      started_at: expect.any(String),
      submitted_at: null,
      awarded_at: null,
    });
  });

  it.each([
    [70, 'passed'],
    [69, 'failed'],
    [100, 'passed'],
    [0, 'failed'],
  ])('score %i is %s (threshold 70); xp_awarded stays null until the award is processed', async (score, status) => {
    const challenge = await createChallenge(handle, { xp: 100 });
    const { id } = await start(player.token, challenge.id);
    const res = await submit(player.token, id, { score, solution: 'SELECT 1', metadata: { language: 'sql' } });
    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({ id, status, score, xp_awarded: null, awarded_at: null, submitted_at: expect.any(String) });

    const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
    expect(row).toMatchObject({ status, score, solution: 'SELECT 1', metadata: { language: 'sql' }, xpAwarded: null });

    await deliver({ type: 'award', attemptId: id });
    const after = await api('GET', `/attempts/${id}`, { token: player.token });
    expect(after.json.xp_awarded).toBe(status === 'passed' ? score : 0);
    expect(after.json.awarded_at).not.toBeNull();
  });
});

describe('GET /attempts and GET /attempts/{id}', () => {
  let player: TestUser;
  let ids: { id: string; challenge: string; status: string }[];
  let chA: string;
  let chB: string;

  beforeAll(async () => {
    player = await createUser(handle);
    chA = (await createChallenge(handle)).id;
    chB = (await createChallenge(handle)).id;
    // Five attempts: A passed, A failed, B passed, B started, A started (in that order).
    const plan: [string, number | null][] = [[chA, 90], [chA, 10], [chB, 75], [chB, null], [chA, null]];
    ids = [];
    for (const [challenge, score] of plan) {
      const { id } = await start(player.token, challenge);
      if (score !== null) expect((await submit(player.token, id, { score })).status).toBe(202);
      ids.push({ id, challenge, status: score === null ? 'started' : score >= 70 ? 'passed' : 'failed' });
    }
  });

  const listAll = async (query: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api('GET', `/attempts?${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: player.token });
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.json.items.map((a: { id: string }) => a.id));
      cursor = res.json.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    return seen;
  };

  it('pages through all own attempts newest first, two at a time, with no overlap or gap', async () => {
    const seen = await listAll('limit=2');
    expect(seen).toEqual(ids.map((a) => a.id).reverse());
  });

  it.each([
    ['status=passed', (a: { status: string }) => a.status === 'passed'],
    ['status=started', (a: { status: string }) => a.status === 'started'],
    ['status=failed', (a: { status: string }) => a.status === 'failed'],
  ])('filters by %s', async (query, keep) => {
    expect(await listAll(`limit=2&${query}`)).toEqual(ids.filter(keep).map((a) => a.id).reverse());
  });

  it('filters by challenge_id, alone and with status', async () => {
    expect(await listAll(`limit=2&challenge_id=${chA}`)).toEqual(ids.filter((a) => a.challenge === chA).map((a) => a.id).reverse());
    const passedB = ids.filter((a) => a.challenge === chB && a.status === 'passed').map((a) => a.id);
    expect(await listAll(`limit=2&challenge_id=${chB}&status=passed`)).toEqual(passedB);
  });

  it('gets one attempt, the same object the list shows', async () => {
    const list = await api('GET', '/attempts?limit=100', { token: player.token });
    for (const item of list.json.items) {
      const one = await api('GET', `/attempts/${item.id}`, { token: player.token });
      expect(one.status).toBe(200);
      expect(one.json).toEqual(item);
    }
  });
});
