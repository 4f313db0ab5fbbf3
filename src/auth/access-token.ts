import { errors, jwtVerify, SignJWT } from 'jose';
import type { Config } from '../lib/config';
import type { AuthUser } from '../lib/types';

/** RFC 9068 access-token type; a refresh token (opaque) or an ID token can never pass for one. */
const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

type TokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'ACCESS_TOKEN_TTL_SECONDS'>;

const keys = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
}

export async function signAccessToken(config: TokenConfig, user: AuthUser): Promise<string> {
  return new SignJWT({ role: user.role })
    .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE })
    .setSubject(user.id)
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(`${config.ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(keyFor(config.JWT_SECRET));
}

export class InvalidTokenError extends Error {}

/** Pins algorithm, type, issuer, audience and expiry; anything else is an InvalidTokenError. */
export async function verifyAccessToken(config: TokenConfig, token: string): Promise<AuthUser> {
  try {
    const { payload } = await jwtVerify(token, keyFor(config.JWT_SECRET), {
      algorithms: [ALGORITHM],
      typ: ACCESS_TOKEN_TYPE,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const role = payload.role;
    if (typeof payload.sub !== 'string' || (role !== 'player' && role !== 'admin')) {
      throw new InvalidTokenError('Token claims are incomplete');
    }
    return { id: payload.sub, role };
  } catch (err) {
    if (err instanceof InvalidTokenError) throw err;
    const expired = err instanceof errors.JWTExpired;
    throw new InvalidTokenError(expired ? 'Access token has expired' : 'Access token is invalid', { cause: err });
  }
}
