/** Standard Webhooks (https://www.standardwebhooks.com): what is signed, and how secrets are written. */

export const SECRET_PREFIX = 'whsec_';

/** The signed content: `{webhook-id}.{webhook-timestamp}.{body}`. */
export function signedContent(id: string, timestampSeconds: number, body: string): string {
  return `${id}.${timestampSeconds}.${body}`;
}

/** The `webhook-signature` header: space-separated `v1,<base64>` signatures (one per valid secret). */
export function signatureHeader(signatures: string[]): string {
  return signatures.map((s) => `v1,${s}`).join(' ');
}

/** The key bytes of a `whsec_<base64>` secret. */
export function secretKeyBase64(secret: string): string {
  return secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
}
