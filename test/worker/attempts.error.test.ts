import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, users } from '../../src/db/schema';
import { submitOwnAttempt, withdrawSubmission } from '../../src/routes/attempts/attempts.queries';
import { createChallenge } from './award-helpers';
import { api, createUser, errorOf, expectError, openDb } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

const fieldsOf = (res: { json: unknown }) => (errorOf(res).details as { field: string }[]).map((d) => d.field);

async function stored(id: string) {
  const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, id));
  return row;
}

/** Each started attempt's row as it was stored at the start, to compare whole rows with. */
const asStarted = new Map<string, Awaited<ReturnType<typeof stored>>>();

/** A fresh player (fresh rate limit) with one started attempt. */
async function startedAttempt() {
  const player = await createUser(handle);
  const challenge = await createChallenge(handle);
  const res = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
  expect(res.status, res.text).toBe(201);
  asStarted.set(res.json.id, await stored(res.json.id));
  return { player, challenge, id: res.json.id as string };
}

/** `{"a":{"a":…leaf…}}` or `[[…leaf…]]`, `levels` deep, built without recursion. */
function nested(levels: number, kind: 'object' | 'array', leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = kind === 'object' ? { a: value } : [value];
  return value;
}

async function expectUnchanged(id: string) {
  const row = await stored(id);
  expect(row).toEqual(asStarted.get(id));
  expect(row).toMatchObject({ status: 'started', score: null, solution: null, metadata: {}, submittedAt: null });
}

describe('POST /attempts: a challenge you cannot play', () => {
  it.each([
    ['unpublished', { published: false }],
    ['archived', { archivedAt: new Date() }],
  ])('an %s challenge is 404 and starts nothing', async (_, values) => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle, values);
    const res = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
    expectError(res, 404);
    expect(await handle.db.select().from(attempts).where(eq(attempts.challengeId, challenge.id))).toHaveLength(0);
  });

  it('an unknown challenge is 404; a malformed id or an unknown field is 422', async () => {
    const player = await createUser(handle);
    const unknown = await api('POST', '/attempts', { token: player.token, body: { challenge_id: crypto.randomUUID() } });
    expectError(unknown, 404);
    const malformed = await api('POST', '/attempts', { token: player.token, body: { challenge_id: 'nope' } });
    expectError(malformed, 422);
    expect(fieldsOf(malformed)).toContain('challenge_id');
    const challenge = await createChallenge(handle);
    const extra = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id, user_id: player.id } });
    expectError(extra, 422);
  });
});

describe('POST /attempts: a token whose user is gone', () => {
  it('a player deleted while their access token is still valid is a 401 and starts nothing', async () => {
    // Found by contract.fuzz.test.ts: player tokens cost no lookup, so the insert's foreign key met the missing user (a 500).
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    await handle.db.delete(users).where(eq(users.id, player.id));
    const res = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
    expect(res.status, res.text).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
    expect(await handle.db.select().from(attempts).where(eq(attempts.challengeId, challenge.id))).toHaveLength(0);
  });
});

describe('POST /attempts/{id}/submit: bad input changes nothing', () => {
  it.each([[101], [-1], [2.5], ['80'], [null], [undefined]])('score %s → 422 naming score', async (score) => {
    const { player, id } = await startedAttempt();
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score, solution: 'x' } });
    expectError(res, 422);
    expect(fieldsOf(res)).toContain('score');
    await expectUnchanged(id);
  });

  it.each([
    ['65,537 ASCII bytes', 'x'.repeat(64 * 1024 + 1)],
    ['65,538 bytes in 32,769 two-byte characters', 'é'.repeat(32 * 1024 + 1)],
  ])('a solution over 64 KiB (%s) is refused and nothing is stored', async (_, solution) => {
    const { player, id } = await startedAttempt();
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, solution } });
    expect([413, 422]).toContain(res.status);
    if (res.status === 422) expect(fieldsOf(res)).toContain('solution');
    await expectUnchanged(id);
  });

  it('a solution of exactly 64 KiB is accepted', async () => {
    const { player, id } = await startedAttempt();
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, solution: 'x'.repeat(64 * 1024) } });
    expect(res.status, res.text).toBe(202);
    expect((await stored(id))?.solution).toHaveLength(64 * 1024);
  });

  it.each([
    ['too big', { blob: 'x'.repeat(5000) }],
    ['an array', [1, 2, 3]],
    ['a string', 'meta'],
    // Found by contract.fuzz.test.ts: the walker looking for NUL recursed past the stack (a 500).
    ['nested 10,000 objects deep', nested(10_000, 'object')],
    ['nested 10,000 arrays deep', { a: nested(10_000, 'array') }],
  ])('metadata that is %s → 422 naming metadata', async (_, metadata) => {
    const { player, id } = await startedAttempt();
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, metadata } });
    expectError(res, 422);
    expect(fieldsOf(res).some((f) => f.startsWith('metadata'))).toBe(true);
    await expectUnchanged(id);
  });

  it('metadata nested 32 levels deep is accepted; 33 → 422 naming metadata', async () => {
    const { player, id } = await startedAttempt();
    const metadata = { a: nested(31, 'array') };
    const res = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, metadata } });
    expect(res.status, res.text).toBe(202);
    expect((await stored(id))?.metadata).toEqual(metadata);
    const deeper = await startedAttempt();
    const refused = await api('POST', `/attempts/${deeper.id}/submit`, { token: deeper.player.token, body: { score: 90, metadata: { a: nested(32, 'array') } } });
    expect(expectError(refused, 422).message).toContain('32 levels');
    await expectUnchanged(deeper.id);
  });

  it('unknown body fields → 422; malformed JSON → 400', async () => {
    const { player, id } = await startedAttempt();
    const extra = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90, xp_awarded: 9999 } });
    expectError(extra, 422);
    const broken = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: '{"score": 90,' });
    expect(broken.status).toBe(400);
    expect(errorOf(broken).code).toBe('bad_request');
    await expectUnchanged(id);
  });
});

it.each(['limit=0', 'limit=101', 'status=won', 'challenge_id=nope', 'cursor=garbage'])('GET /attempts?%s → 422', async (query) => {
  const player = await createUser(handle);
  const res = await api('GET', `/attempts?${query}`, { token: player.token });
  expectError(res, 422);
  expect(fieldsOf(res)).toContain(query.split('=')[0]);
});

describe('POST /attempts/{id}/submit: once only, rate limited', () => {
  it('a second submit is 409 and keeps the first score', async () => {
    const { player, id } = await startedAttempt();
    expect((await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 90 } })).status).toBe(202);
    const first = await stored(id);
    const again = await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 20 } });
    expectError(again, 409);
    expect(await stored(id)).toEqual(first);
    expect(first).toMatchObject({ status: 'passed', score: 90 });
  });

  it('twenty concurrent submits of one attempt: exactly one 202, the rest 409 or 429, no 5xx', async () => {
    const { player, id } = await startedAttempt();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 70 + i } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    for (const status of statuses.filter((s) => s !== 202)) expect([409, 429]).toContain(status);
    const winner = results.find((r) => r.status === 202)!;
    expect(await stored(id)).toMatchObject({ status: 'passed', score: winner.json.score });
  });

  it('a refused submit whose write landed is withdrawn, unless the player has opened the challenge again since', async () => {
    const { player, challenge, id } = await startedAttempt();
    const submission = { status: 'passed', score: 90, solution: 'x', metadata: { a: 1 } } as const;
    expect(await submitOwnAttempt(handle.db, id, player.id, submission)).toMatchObject({ status: 'passed' });
    expect(await withdrawSubmission(handle.db, id)).toBe(true);
    await expectUnchanged(id);

    await submitOwnAttempt(handle.db, id, player.id, submission);
    const reopened = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
    expect(reopened.status).toBe(201);
    // Only one attempt per challenge may be open: the submission stands rather than fail (or 500).
    expect(await withdrawSubmission(handle.db, id)).toBe(false);
    expect(await stored(id)).toMatchObject({ status: 'passed', score: 90 });
  });

  it('the 11th submit within a minute is 429 with Retry-After and leaves the attempt started', async () => {
    const player = await createUser(handle);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const challenge = await createChallenge(handle); // one open attempt per challenge: each start needs its own
      ids.push((await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } })).json.id);
    }
    for (const id of ids.slice(0, 10)) {
      expect((await api('POST', `/attempts/${id}/submit`, { token: player.token, body: { score: 50 } })).status).toBe(202);
    }
    asStarted.set(ids[10]!, await stored(ids[10]!));
    const eleventh = await api('POST', `/attempts/${ids[10]}/submit`, { token: player.token, body: { score: 50 } });
    expect(eleventh.status).toBe(429);
    expect(errorOf(eleventh).code).toBe('rate_limited');
    expect(Number(eleventh.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(Number(eleventh.headers.get('Retry-After'))).toBeLessThanOrEqual(60);
    await expectUnchanged(ids[10]!);
  });
});
