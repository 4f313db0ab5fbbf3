import { signAccessToken } from '../../auth/access-token';
import { parseScryptParams, type ScryptParams } from '../../domain/password';
import { AppError } from '../../lib/app-error';
import type { AuthUser } from '../../lib/types';
import type { Config } from '../../lib/config';

export function passwordParams(config: Pick<Config, 'PASSWORD_HASH_PARAMS'>): ScryptParams {
  return parseScryptParams(config.PASSWORD_HASH_PARAMS);
}

/**
 * A well-formed hash no password matches (its key is all zeros), at today's cost. Verifying against it
 * when the user does not exist makes an unknown username take as long as a wrong password.
 */
export function dummyPasswordHash({ N, r, p }: ScryptParams): string {
  return `$scrypt$N=${N},r=${r},p=${p}$${'A'.repeat(22)}==$${'A'.repeat(43)}=`;
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
    message: 'Send a JSON or application/x-www-form-urlencoded body',
  });
}
