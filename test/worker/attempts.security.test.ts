import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempts } from '../../src/db/schema';
import { createChallenge } from './award-helpers';
import { api, createUser, errorOf, expectError, openDb, type TestUser } from './helpers';

const handle = openDb();
afterAll(() => handle.close());

let owner: TestUser;
let intruder: TestUser;
let attemptId: string;
let challengeId: string;

beforeAll(async () => {
  owner = await createUser(handle);
  intruder = await createUser(handle);
  challengeId = (await createChallenge(handle)).id;
  attemptId = (await api('POST', '/attempts', { token: owner.token, body: { challenge_id: challengeId } })).json.id;
});

/** The error body without the per-request id, for "indistinguishable from unknown" checks. */
const withoutRequestId = (res: { json: unknown }) => {
  const { request_id: _, ...rest } = errorOf(res);
  return rest;
};

describe("someone else's attempt is a 404, exactly like an unknown one", () => {
  it('GET /attempts/{id}', async () => {
    const theirs = await api('GET', `/attempts/${attemptId}`, { token: intruder.token });
    const unknown = await api('GET', `/attempts/${crypto.randomUUID()}`, { token: intruder.token });
    expectError(theirs, 404);
    expectError(unknown, 404);
    expect(withoutRequestId(theirs)).toEqual(withoutRequestId(unknown));
  });

  it('POST /attempts/{id}/submit, and the attempt is left untouched', async () => {
    const theirs = await api('POST', `/attempts/${attemptId}/submit`, { token: intruder.token, body: { score: 100 } });
    const unknown = await api('POST', `/attempts/${crypto.randomUUID()}/submit`, { token: intruder.token, body: { score: 100 } });
    expectError(theirs, 404);
    expectError(unknown, 404);
    expect(withoutRequestId(theirs)).toEqual(withoutRequestId(unknown));
    const [row] = await handle.db.select().from(attempts).where(eq(attempts.id, attemptId));
    expect(row).toMatchObject({ status: 'started', score: null, submittedAt: null });
  });

  it("GET /attempts never lists another player's attempts, even filtered by their challenge", async () => {
    const res = await api('GET', `/attempts?challenge_id=${challengeId}&limit=100`, { token: intruder.token });
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([]);
    const mine = await api('GET', '/attempts?limit=100', { token: owner.token });
    expect(mine.json.items.map((a: { id: string }) => a.id)).toEqual([attemptId]);
  });
});
