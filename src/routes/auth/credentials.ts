import { signAccessToken } from '../../auth/access-token';
import { parsePasswordParams, unmatchableHash, type PasswordParams } from '../../auth/password';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../../lib/types';
import type { Config } from '../../lib/config';

export function passwordParams(config: Pick<Config, 'PASSWORD_HASH_PARAMS'>): PasswordParams {
  return parsePasswordParams(config.PASSWORD_HASH_PARAMS);
}

/** Verified when the user does not exist, so an unknown username costs as much as a wrong password. */
export const dummyPasswordHash = unmatchableHash;

/**
 * The one folding of a login name, for the lookup and the limits alike. Usernames and emails are
 * ASCII (registration allows nothing else), and ASCII lower-cases the same in JavaScript and in
 * Postgres; other letters don't ("İ" is "i̇" in JavaScript, "i" in Postgres), so a name with any
 * is no account's name: undefined, refused like a wrong password.
 */
export function foldLoginName(login: string): string | undefined {
  return /^[\x21-\x7e]+$/.test(login) ? login.toLowerCase() : undefined;
}

/** One message whether the user exists or not. */
export function invalidCredentials(): AppError {
  return new AppError({ code: 'unauthorized', message: 'Invalid username or password' });
}

/** The tokens shape of product.md. */
export async function tokensFor(config: Config, user: AuthUser, refreshToken: string) {
  return {
    access_token: await signAccessToken(config, { id: user.id, role: user.role }),
    refresh_token: refreshToken,
    token_type: 'bearer' as const,
    expires_in: config.ACCESS_TOKEN_TTL_SECONDS,
  };
}

/**
 * Routes that take JSON or an OAuth2 form: the validator of the matching media type has run
 * (the other one left an empty object), so pick by Content-Type.
 */
export function bodyByContentType<F, J>(contentType: string | undefined, form: () => F, json: () => J): F | J {
  const type = contentType?.toLowerCase() ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) return form();
  if (type) return json(); // anything else was already refused (415) before the handler
  throw new AppError({
    code: 'unsupported_media_type',
    message: 'Send the credentials with "Content-Type: application/json" or "Content-Type: application/x-www-form-urlencoded"',
  });
}
