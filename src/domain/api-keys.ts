/** Server API keys: how a secret looks. */
export const API_KEY_PREFIX = 'sq_live_';

/** A secret as we issue it: the prefix and 43 base64url characters (256 random bits). */
const API_KEY_SHAPE = /^sq_live_[A-Za-z0-9_-]{43}$/;

export function looksLikeApiKey(value: string): boolean {
  return API_KEY_SHAPE.test(value);
}

/** What a listing shows of a key: enough to tell keys apart, far too little to use one. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_KEY_PREFIX.length + 6);
}

/** Scopes a key needs for `required`; every scope is independent (none implies another). */
export function hasScope(scopes: readonly string[], required: string): boolean {
  return scopes.includes(required);
}
