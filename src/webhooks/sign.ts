import { secretKeyBase64, SECRET_PREFIX, signatureHeader, signedContent } from '../domain/webhook-signature';

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/** A new endpoint secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks libraries expect. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${toBase64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

async function hmacBase64(secret: string, content: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', fromBase64(secretKeyBase64(secret)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content))));
}

/**
 * The three Standard Webhooks headers for one attempt. Each secret given signs (after a rotation the
 * old one too, for a while), so a receiver holding either verifies.
 */
export async function signWebhook(secrets: string[], id: string, timestampSeconds: number, body: string): Promise<Record<string, string>> {
  const content = signedContent(id, timestampSeconds, body);
  const signatures = await Promise.all(secrets.map((secret) => hmacBase64(secret, content)));
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatureHeader(signatures) };
}
