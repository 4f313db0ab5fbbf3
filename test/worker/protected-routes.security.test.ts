import { exports } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { attempts, badges, challenges } from '../../src/db/schema';
import { insertApiKey } from './api-key-helpers';
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
  const webhook = await api('POST', '/webhooks', { token: admin.token, body: { url: 'https://hooks.example.com/guarded', events: ['xp.awarded'] } });
  expect([challenge.status, badge.status, attempt.status, webhook.status]).toEqual([201, 201, 201, 201]);
  // Disabled: the awards of other test files must not queue deliveries to it.
  await api('PATCH', `/webhooks/${webhook.json.id}`, { token: admin.token, body: { enabled: false } });
  targets = {
    challenge: challenge.json.id,
    badge: badge.json.id,
    attempt: attempt.json.id,
    job: '00000000-0000-4000-8000-000000000000',
    player: player.id,
    deadLetter: '00000000-0000-4000-8000-000000000000',
    webhook: webhook.json.id,
    delivery: '00000000-0000-4000-8000-000000000000',
    apiKey: '00000000-0000-4000-8000-000000000000',
    externalId: 'nobody-here',
    // Refused before the lookup: the credential need not exist.
    credential: '00000000-0000-4000-8000-000000000000',
  };
  const otherScope = { 'results:write': 'players:read', 'players:read': 'webhooks:manage', 'webhooks:manage': 'results:write' } as const;
  for (const scope of ['results:write', 'players:read', 'webhooks:manage'] as const) {
    keys[scope] = {
      wrongScope: (await insertApiKey(handle, [otherScope[scope]])).secret,
      revoked: (await insertApiKey(handle, [scope], { revokedAt: new Date() })).secret,
      expired: (await insertApiKey(handle, [scope], { expiresAt: new Date(Date.now() - 1000) })).secret,
    };
  }
});

/** Per scope: a key with another scope (403), and revoked or expired keys with the scope (401). */
const keys: Record<string, { wrongScope: string; revoked: string; expired: string }> = {};

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

  if (route.needs === 'key') {
    it("an admin's access token → 401: the route takes an API key; nothing changed", async () => {
      const { res, name } = await send(accounts.admin.token);
      expectUnauthorized(res);
      await expectNothingChanged(name);
    });
  }

  if (route.scope) {
    const scope = route.scope;
    it('an API key without the scope → 403 forbidden (as Bearer and as X-Api-Key)', async () => {
      const presented: Record<string, string>[] = [{ Authorization: `Bearer ${keys[scope]!.wrongScope}` }, { 'X-Api-Key': keys[scope]!.wrongScope }];
      for (const headers of presented) {
        const name = unique('Refused ');
        const res = await api(route.method, route.path(targets), { headers, body: route.body?.(targets, name) });
        expect(res.status, `${operation}: ${res.text}`).toBe(403);
        expect(errorOf(res).code).toBe('forbidden');
        await expectNothingChanged(name);
      }
    });
    it.each(['revoked', 'expired'] as const)('a %s API key with the scope → 401 unauthorized', async (which) => {
      const name = unique('Refused ');
      const res = await api(route.method, route.path(targets), { headers: { 'X-Api-Key': keys[scope]![which] }, body: route.body?.(targets, name) });
      expectUnauthorized(res);
      await expectNothingChanged(name);
    });
  }

  if (route.needs === 'admin' || route.needs === 'adminOrKey') {
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
