import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts } from '../../src/db/schema';
import { createChallenge } from './award-helpers';
import { randomIp } from './auth-helpers';
import { api, createUser, errorOf, openDb, unique, type TestUser } from './helpers';
import { apiWithEnv, DEAD_REDIS } from './env-helpers';

const handle = openDb();
afterAll(() => handle.close());

/** A JSON POST with the rate limiter's Redis unreachable (the database is up). */
function postWithRedisDown(path: string, body: unknown, headers: Record<string, string> = {}) {
  return apiWithEnv(DEAD_REDIS, path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const bearer = (player: TestUser) => ({ Authorization: `Bearer ${player.token}` });

function expectUnavailable(res: Awaited<ReturnType<typeof apiWithEnv>>) {
  expect(res.status, res.text).toBe(503);
  expect(res.headers.get('Retry-After')).toBe('5');
  expect(errorOf(res).code).toBe('service_unavailable');
}

describe('the rate limiter fails closed: with its Redis down a limited request is a 503 and does nothing', () => {
  it('POST /attempts/{id}/submit: 503 with Retry-After, the attempt stays started, and can be submitted once Redis is back', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    const started = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.id } });
    expect(started.status).toBe(201);
    const [before] = await handle.db.select().from(attempts).where(eq(attempts.id, started.json.id));

    expectUnavailable(await postWithRedisDown(`/attempts/${started.json.id}/submit`, { score: 90 }, bearer(player)));
    const [after] = await handle.db.select().from(attempts).where(eq(attempts.id, started.json.id));
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: 'started', score: null, submittedAt: null, awardedAt: null });

    const retried = await api('POST', `/attempts/${started.json.id}/submit`, { token: player.token, body: { score: 90 } });
    expect(retried.status, retried.text).toBe(202);
  });

  it('POST /attempts: 503 with Retry-After, and no attempt is started', async () => {
    const player = await createUser(handle);
    const challenge = await createChallenge(handle);
    expectUnavailable(await postWithRedisDown('/attempts', { challenge_id: challenge.id }, bearer(player)));
    expect(await handle.db.select().from(attempts).where(eq(attempts.userId, player.id))).toEqual([]);
  });

  it('POST /auth/register: 503 with Retry-After, and no account is created', async () => {
    const username = unique('rl');
    const body = { username, email: `${username}@example.test`, password: `pw-${username}-long` };
    expectUnavailable(await postWithRedisDown('/auth/register', body, { 'CF-Connecting-IP': randomIp() }));
    const { rows } = await handle.db.execute(sql`select count(*)::int as n from users where username = ${username}`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
