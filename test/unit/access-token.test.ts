import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, signAccessToken, verifyAccessToken } from '../../src/auth/access-token';

const config = {
  JWT_SECRET: 'unit-test-secret-0123456789abcdef-0123456789',
  JWT_ISSUER: 'skillquest-test',
  JWT_AUDIENCE: 'skillquest-api-test',
  ACCESS_TOKEN_TTL_SECONDS: 900,
};
const key = new TextEncoder().encode(config.JWT_SECRET);
const user = { id: '0b6c7f8e-2a51-4c1e-9a59-3f7f2f9d1a10', role: 'player' as const };

/** A token as signAccessToken makes it, with one thing changed. */
function tokenWith(change: { alg?: string; typ?: string; iss?: string; aud?: string; sub?: string | null; role?: unknown; exp?: number; secret?: string }) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'role' in change ? change.role : user.role })
    .setProtectedHeader({ alg: change.alg ?? 'HS256', typ: change.typ ?? 'at+jwt' })
    .setIssuer(change.iss ?? config.JWT_ISSUER)
    .setAudience(change.aud ?? config.JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(change.exp ?? now + 900);
  if (change.sub !== null) jwt.setSubject(change.sub ?? user.id);
  return jwt.sign(change.secret ? new TextEncoder().encode(change.secret) : key);
}

async function refusal(token: string | Promise<string>): Promise<string> {
  const error = await verifyAccessToken(config, await token).then(
    () => expect.fail('the token was accepted'),
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return (error as Error).message;
}

describe('access tokens', () => {
  it('a signed token verifies to its user and role, for a player and an admin', async () => {
    expect(await verifyAccessToken(config, await signAccessToken(config, user))).toEqual(user);
    const admin = { id: user.id, role: 'admin' as const };
    expect(await verifyAccessToken(config, await signAccessToken(config, admin))).toEqual(admin);
  });

  it('carries the pinned header and claims, expiring after the configured lifetime', async () => {
    const token = await signAccessToken(config, user);
    const payload = decodeJwt(token) as { exp: number; iat: number };
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ sub: user.id, role: 'player', iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE, jti: expect.any(String) });
    expect(payload.exp - payload.iat).toBe(900);
    expect(Math.abs(payload.iat - Date.now() / 1000)).toBeLessThan(60);
  });

  it('two tokens for the same user differ (each has its own jti)', async () => {
    expect(await signAccessToken(config, user)).not.toBe(await signAccessToken(config, user));
  });

  // A missing subject is refused by the library's required claims; a role it does not know by our own check.
  it.each<[string, Parameters<typeof tokenWith>[0], string]>([
    ['another secret', { secret: 'another-secret-0123456789abcdef-0123456789' }, 'Access token is invalid'],
    ['another algorithm (HS512)', { alg: 'HS512' }, 'Access token is invalid'],
    ['another type (an ID token)', { typ: 'JWT' }, 'Access token is invalid'],
    ['another issuer', { iss: 'someone-else' }, 'Access token is invalid'],
    ['another audience', { aud: 'another-api' }, 'Access token is invalid'],
    ['no subject', { sub: null }, 'Access token is invalid'],
    ['an unknown role', { role: 'superuser' }, 'Token claims are incomplete'],
    ['no role', { role: undefined }, 'Token claims are incomplete'],
  ])('refuses a token with %s', async (_, change, message) => {
    expect(await refusal(tokenWith(change))).toBe(message);
  });

  it('refuses an expired token, saying so, and keeps the library’s error as the cause', async () => {
    const expired = await tokenWith({ exp: Math.floor(Date.now() / 1000) - 60 });
    expect(await refusal(expired)).toBe('Access token has expired');
    const error = await verifyAccessToken(config, expired).catch((err: unknown) => err as Error);
    expect((error as Error).cause).toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('refuses an unsigned token and anything that is not a JWT (a refresh token)', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject(user.id).setIssuer(config.JWT_ISSUER).setAudience(config.JWT_AUDIENCE).setIssuedAt().setExpirationTime('5m').encode();
    expect(await refusal(unsigned)).toBe('Access token is invalid');
    expect(await refusal('A'.repeat(43))).toBe('Access token is invalid');
  });
});
