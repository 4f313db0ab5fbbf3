import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/db/schema';
import { apiWithEnv } from './env-helpers';
import { api, expectError, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();

async function createKey(body: Record<string, unknown>) {
  return api('POST', '/admin/api-keys', { token: accounts.admin.token, body: { name: 'grader', scopes: ['players:read'], ...body } });
}

describe('API keys: create, list, revoke', () => {
  it('creates a key whose sq_live_ secret is shown once and stored only as its SHA-256', async () => {
    const created = await createKey({ scopes: ['results:write', 'webhooks:manage'] });
    expect(created.status, created.text).toBe(201);
    expect(created.json.secret).toMatch(/^sq_live_[A-Za-z0-9_-]{43}$/);
    expect(created.json).toMatchObject({ name: 'grader', scopes: ['results:write', 'webhooks:manage'], revoked_at: null, last_used_at: null });
    expect(created.json.secret.startsWith(created.json.prefix)).toBe(true);

    const [row] = await accounts.handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.json.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.json.secret);

    const list = await api('GET', '/admin/api-keys?limit=100', { token: accounts.admin.token });
    expect(list.status).toBe(200);
    const listed = list.json.items.find((k: { id: string }) => k.id === created.json.id);
    expect(listed).toMatchObject({ id: created.json.id, prefix: created.json.prefix });
    expect(listed.secret).toBeUndefined();
    expect(list.text).not.toContain(created.json.secret);
  });

  it('records the last use, and a revoked key is a 401 from the next request on (revoking twice is fine; unknown is 404)', async () => {
    const created = await createKey({ scopes: ['players:read'] });
    const used = await api('GET', '/players/external/nobody', { headers: { Authorization: `Bearer ${created.json.secret}` } });
    expectError(used, 404); // authenticated: the player just isn't there
    const [row] = await accounts.handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.json.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);

    expect((await api('DELETE', `/admin/api-keys/${created.json.id}`, { token: accounts.admin.token })).status).toBe(204);
    expect((await api('DELETE', `/admin/api-keys/${created.json.id}`, { token: accounts.admin.token })).status).toBe(204);
    const refused = await api('GET', '/players/external/nobody', { headers: { 'X-Api-Key': created.json.secret } });
    expectError(refused, 401);
    expectError(await api('DELETE', '/admin/api-keys/00000000-0000-4000-8000-000000000000', { token: accounts.admin.token }), 404);
  });

  it('refuses unknown scopes, no scopes and an expiry in the past (422 naming the field)', async () => {
    expect(expectError(await createKey({ scopes: ['everything'] }), 422).message).toContain('scopes.0');
    expect(expectError(await createKey({ scopes: [] }), 422).message).toContain('scopes');
    expect(expectError(await createKey({ expires_at: '2020-01-01T00:00:00Z' }), 422).message).toContain('expires_at');
  });

  it('a key that expires later works until then; a malformed or unknown key is a 401', async () => {
    const created = await createKey({ expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    expectError(await api('GET', '/players/external/nobody', { headers: { 'X-Api-Key': created.json.secret } }), 404);
    expectError(await api('GET', '/players/external/nobody', { headers: { 'X-Api-Key': 'sq_live_short' } }), 401);
    expectError(await api('GET', '/players/external/nobody', { headers: { 'X-Api-Key': `sq_live_${'A'.repeat(43)}` } }), 401);
  });

  it('is rate-limited per key: past API_KEY_REQUESTS_PER_MINUTE a 429 with Retry-After, while another key still passes', async () => {
    const [busy, calm] = [await createKey({}), await createKey({})];
    const call = (secret: string) => apiWithEnv({ API_KEY_REQUESTS_PER_MINUTE: '3' }, '/players/external/nobody', { headers: { 'X-Api-Key': secret } });
    for (let i = 0; i < 3; i++) expect((await call(busy.json.secret)).status).toBe(404);
    const limited = await call(busy.json.secret);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await call(calm.json.secret)).status).toBe(404);
  });
});
