import { base64url } from 'jose';
import { decodeSecretKey, encodePublicKey, encodeSecretKey } from './multikey';

/** WebCrypto's key type, named the same way in workerd's types and Node's. */
type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** An Ed25519 signing key: WebCrypto's private key (native in workerd and Node) and its public Multikey. */
export interface SigningKey {
  privateKey: WebCryptoKey;
  publicKeyMultibase: string;
}

// PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410): WebCrypto imports seeds only this way.
const PKCS8_PREFIX = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

const cache = new Map<string, Promise<SigningKey>>();

/** The key of a `CREDENTIAL_SIGNING_KEY` secret (a Multikey `secretKeyMultibase`), imported once per isolate. */
export function signingKeyFrom(secretKeyMultibase: string): Promise<SigningKey> {
  let key = cache.get(secretKeyMultibase);
  if (!key) {
    key = importSeed(decodeSecretKey(secretKeyMultibase));
    cache.set(secretKeyMultibase, key);
  }
  return key;
}

async function importSeed(seed: Uint8Array): Promise<SigningKey> {
  const pkcs8 = Uint8Array.from([...PKCS8_PREFIX, ...seed]);
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
  const jwk = (await crypto.subtle.exportKey('jwk', privateKey)) as { x?: string };
  if (!jwk.x) throw new Error('Ed25519 key without its public half');
  return { privateKey, publicKeyMultibase: encodePublicKey(base64url.decode(jwk.x)) };
}

/** A new key pair as Multikey strings (`npm run credentials:keygen`). */
export async function generateSigningKey(): Promise<{ secretKeyMultibase: string; publicKeyMultibase: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as unknown as { privateKey: WebCryptoKey; publicKey: WebCryptoKey };
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey('pkcs8', pair.privateKey)) as ArrayBuffer);
  const raw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  return { secretKeyMultibase: encodeSecretKey(pkcs8.slice(-32)), publicKeyMultibase: encodePublicKey(raw) };
}
