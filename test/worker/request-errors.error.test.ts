import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChallenge } from './award-helpers';
import { api, createUser, errorOf, openDb, type TestUser } from './helpers';

/** Errors that say what to do: the wrong media type, a missing or unknown field, the wrong method. */

const handle = openDb();
let player: TestUser;
beforeAll(async () => {
  player = await createUser(handle);
});
afterAll(() => handle.close());

describe('415: a body that is not JSON', () => {
  it('names the Content-Type sent and the header to send instead', async () => {
    const res = await api('POST', '/attempts', { token: player.token, body: 'challenge_id=x', headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(errorOf(res)).toMatchObject({
      code: 'unsupported_media_type',
      message: 'Content-Type text/plain is not accepted: send a JSON body with the header "Content-Type: application/json"',
    });
  });

  it('says so when a body comes with no Content-Type at all', async () => {
    const res = await api('POST', '/attempts', { token: player.token, body: '{}', headers: { 'Content-Type': '' } });
    expect(res.status).toBe(415);
    expect(errorOf(res).message).toContain('"Content-Type: application/json"');
  });
});

describe('422: fields in words a client can act on', () => {
  it('a missing field "is required", and the message names the body, not "json"', async () => {
    const res = await api('POST', '/attempts', { token: player.token, body: {} });
    expect(res.status).toBe(422);
    const error = errorOf(res);
    expect(error.details).toEqual([{ field: 'challenge_id', message: 'is required' }]);
    expect(error.message).toBe('Invalid body: challenge_id: is required');
  });

  it('a nested missing field is required by its dotted name; a wrong type says what was expected', async () => {
    const res = await api('POST', '/badges', {
      token: (await createUser(handle, 'admin')).token,
      body: { name: 'Nested', description: 'x', condition: { type: 'xp' } },
    });
    expect(res.status).toBe(422);
    expect(errorOf(res).details).toEqual(expect.arrayContaining([{ field: 'condition.threshold', message: 'is required' }]));

    const typed = await api('POST', '/attempts', { token: player.token, body: { challenge_id: 42 } });
    expect(errorOf(typed).details).toEqual([{ field: 'challenge_id', message: 'expected string, received number' }]);
  });

  it('each unknown field is named on its own', async () => {
    const challenge = await createChallenge(handle);
    const res = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id, user_id: player.id, xp: 5 } });
    expect(res.status).toBe(422);
    expect(errorOf(res).details).toEqual([
      { field: 'user_id', message: 'is not a field of this request' },
      { field: 'xp', message: 'is not a field of this request' },
    ]);
  });

  it('query and path problems name the query and the path', async () => {
    const query = await api('GET', '/challenges?limit=abc');
    expect(query.status).toBe(422);
    expect(errorOf(query).message).toMatch(/^Invalid query: limit: /);
    const path = await api('GET', '/attempts/not-a-uuid', { token: player.token });
    expect(path.status).toBe(422);
    expect(errorOf(path).message).toMatch(/^Invalid path: id: /);
  });

  it('malformed JSON is still a 400 that says so', async () => {
    const res = await api('POST', '/attempts', { token: player.token, body: '{"challenge_id": ' });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/JSON/) });
  });
});

describe('405: a known path with the wrong method', () => {
  it.each([
    ['DELETE', '/health', 'GET, HEAD'],
    ['POST', '/auth/me', 'GET, HEAD, PATCH'],
    ['GET', '/auth/login', 'POST'],
    ['GET', '/attempts/00000000-0000-4000-8000-000000000000/submit', 'POST'],
    ['PATCH', '/challenges/00000000-0000-4000-8000-000000000000', 'DELETE, GET, HEAD, PUT'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const res = await api(method, path);
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')).toBe(allow);
    expect(errorOf(res)).toMatchObject({ code: 'method_not_allowed', message: `${method} is not allowed on ${path}; use ${allow.replaceAll(', ', ' or ')}` });
  });

  it('a trailing slash finds the same route', async () => {
    const res = await api('DELETE', '/health/');
    expect([res.status, res.headers.get('Allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('a path no route has is still a 404 for every method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await api(method, '/no/such/route');
      expect(res.status).toBe(404);
      expect(res.headers.get('Allow')).toBeNull();
      expect(errorOf(res).code).toBe('not_found');
    }
  });
});
