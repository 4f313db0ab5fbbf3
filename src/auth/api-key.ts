import { API_KEY_PREFIX } from '../domain/api-keys';

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new key's secret: `sq_live_` and 256 random bits. Shown once; only its hash is stored. */
export function generateApiKeySecret(): string {
  return `${API_KEY_PREFIX}${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/**
 * SHA-256, hex. A fast hash is right here: the secret is 256 random bits, so there is nothing to guess,
 * and a slow hash would cost every request (unlike a password, checked once per login).
 */
export async function hashApiKeySecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
