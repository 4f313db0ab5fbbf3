import { exports } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempts, badges, challenges } from '../../src/db/schema';
import { forgeAccessToken } from './auth-helpers';
import { api, BASE, errorOf, unique, useAdminAndPlayer } from './helpers';
import { operationOf, protectedRoutes, type Targets } from './protected-routes';

const accounts = useAdminAndPlayer();
const { handle } = accounts;
let targets: Targets;
let badgeName: string;

beforeAll(async () => {
  const { admin, player } = accounts;
  const challenge = await api('POST', '/challenges', { token: admin.token, body: { title: unique('Guarded '), xp: 50, difficulty: 'easy', published: true } });
  badgeName = unique('Guarded ');
  const badge = await api('POST', '/badges', { token: admin.token, body: { name: badgeName, condition: { type: 'xp', threshold: 100 } } });
  const attempt = await api('POST', '/attempts', { token: player.token, body: { challenge_id: challenge.json.id } });
  expect([challenge.status, badge.status, attempt.status]).toEqual([201, 201, 201]);
  targets = {
    challenge: challenge.json.id,
    badge: badge.json.id,
    attempt: attempt.json.id,
    job: '00000000-0000-4000-8000-000000000000',
    player: player.id,
    deadLetter: '00000000-0000-4000-8000-000000000000',
    // Refused before the lookup: the credential need not exist.
    credential: '00000000-0000-4000-8000-000000000000',
  };
});

/** Tokens no route may accept. The forged ones claim the admin role: the refusal is the verification's, not the role check's. */
const badTokens: [string, () => string | Promise<string>][] = [
  ['a garbage token', () => 'not-a-jwt'],
  ['a malformed JWT', () => 'not.a.token'],
  ['a token signed with another secret', () => 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ["an admin's token with a forged signature", () => `${accounts.admin.token.split('.').slice(0, 2).join('.')}.c2lnbmF0dXJl`],
  ["an admin's expired token", () => forgeAccessToken(accounts.admin.id, { role: 'admin', exp: Math.floor(Date.now() / 1000) - 120 })],
];

/** The fixtures are as created, and nothing called `name` was created. */
async function expectNothingChanged(name: string) {
  const [challenge] = await handle.db.select().from(challenges).where(eq(challenges.id, targets.challenge));
  expect(challenge).toMatchObject({ xp: 50, published: true, archivedAt: null });
  expect(await handle.db.select().from(challenges).where(eq(challenges.title, name))).toHaveLength(0);
  const [badge] = await handle.db.select().from(badges).where(eq(badges.id, targets.badge));
  expect(badge).toMatchObject({ name: badgeName, condition: { type: 'xp', threshold: 100 } });
  expect(await handle.db.select().from(badges).where(sql`lower(${badges.name}) = lower(${name})`)).toHaveLength(0);
  const [attempt] = await handle.db.select().from(attempts).where(eq(attempts.id, targets.attempt));
  expect(attempt).toMatchObject({ status: 'started', score: null, submittedAt: null });
  expect(await handle.db.select().from(attempts).where(eq(attempts.challengeId, targets.challenge))).toHaveLength(1);
}

describe.each(protectedRoutes.map((route) => [operationOf(route), route] as const))('%s', (operation, route) => {
  async function send(token?: string) {
    const name = unique('Refused ');
    const res = await api(route.method, route.path(targets), { token, body: route.body?.(targets, name) });
    return { res, name };
  }

  function expectUnauthorized(res: Awaited<ReturnType<typeof api>>) {
    expect(res.status, `${operation}: ${res.text}`).toBe(401);
    expect(errorOf(res).code).toBe('unauthorized');
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
  }

  if (route.needs !== 'optional') {
    it('no token → 401 unauthorized with WWW-Authenticate: Bearer; nothing changed', async () => {
      const { res, name } = await send();
      expectUnauthorized(res);
      await expectNothingChanged(name);
    });
  }

  it.each(badTokens)('%s → 401 unauthorized, never anonymous; nothing changed', async (_, token) => {
    const { res, name } = await send(await token());
    expectUnauthorized(res);
    await expectNothingChanged(name);
  });

  if (route.needs === 'admin') {
    it("a player's token → 403 forbidden; nothing changed", async () => {
      const { res, name } = await send(accounts.player.token);
      expect(res.status, `${operation}: ${res.text}`).toBe(403);
      expect(errorOf(res).code).toBe('forbidden');
      await expectNothingChanged(name);
    });
  }
});

describe('the table of protected routes', () => {
  it('lists exactly the operations /openapi.json secures, optional ones (`{}` among the requirements) as optional', async () => {
    type Operation = { security?: Record<string, string[]>[] };
    const doc = await (await exports.default.fetch(`${BASE}/openapi.json`)).json<{ paths: Record<string, Record<string, Operation>> }>();
    const secured = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => (op.security?.length ?? 0) > 0)
        .map(([method, op]) => ({ operation: `${method.toUpperCase()} ${path}`, optional: op.security!.some((s) => Object.keys(s).length === 0) })),
    );
    const listed = protectedRoutes.map((route) => ({ operation: operationOf(route), optional: route.needs === 'optional' }));
    const byOperation = (a: { operation: string }, b: { operation: string }) => a.operation.localeCompare(b.operation);
    expect(listed.sort(byOperation)).toEqual(secured.sort(byOperation));
  });
});
