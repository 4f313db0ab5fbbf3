import { didWebOf } from '../domain/did-web';
import { AppError } from '../lib/app-error';
import type { Config } from '../lib/config';
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from './contexts';
import { signingKeyFrom, type SigningKey } from './signing-key';

/** The deployment as an Open Badges issuer: where it lives, its did:web, its keys and its Profile. */
export interface Issuer {
  /** Where credentials, achievements and status lists are published (no trailing slash). */
  baseUrl: string;
  did: string;
  key: SigningKey;
  /** The verification method of `key` (`did:web:…#z6Mk…`): the one new proofs name. */
  verificationMethod: string;
  /** Every public key in the DID document: the current one first, then the earlier ones (rotation). */
  publicKeys: string[];
  profile: Record<string, unknown>;
}

const notConfigured = (what: string) =>
  new AppError({ code: 'service_unavailable', message: `Credentials are not set up on this deployment: ${what}`, headers: { 'Retry-After': '300' } });

/**
 * The issuer of this deployment. Production publishes at PUBLIC_BASE_URL only: deriving it from the
 * request's Host would let any Host header mint an issuer. Elsewhere an empty PUBLIC_BASE_URL means the
 * request's own origin (http://localhost:8787 locally).
 */
export async function issuerFor(config: Config, requestUrl: string): Promise<Issuer> {
  if (!config.CREDENTIAL_SIGNING_KEY) throw notConfigured('set the CREDENTIAL_SIGNING_KEY secret');
  if (!config.PUBLIC_BASE_URL && config.APP_ENV === 'production') throw notConfigured('set PUBLIC_BASE_URL');
  const baseUrl = config.PUBLIC_BASE_URL || new URL(requestUrl).origin;
  const did = didWebOf(new URL(baseUrl).origin);
  const key = await signingKeyFrom(config.CREDENTIAL_SIGNING_KEY);
  const publicKeys = [key.publicKeyMultibase, ...config.CREDENTIAL_PREVIOUS_PUBLIC_KEYS.filter((k) => k !== key.publicKeyMultibase)];
  const image = config.CREDENTIAL_ISSUER_IMAGE;
  const email = config.CREDENTIAL_ISSUER_EMAIL;
  const profile = {
    id: did,
    type: ['Profile'],
    name: config.CREDENTIAL_ISSUER_NAME,
    url: config.CREDENTIAL_ISSUER_URL || baseUrl,
    ...(image ? { image: { id: image, type: 'Image' } } : {}),
    ...(email ? { email } : {}),
  };
  return { baseUrl, did, key, verificationMethod: `${did}#${key.publicKeyMultibase}`, publicKeys, profile };
}

/** A verification method of the DID document, standing alone (with its context, as a document loader returns it). */
export function verificationMethodOf(did: string, publicKeyMultibase: string) {
  return { '@context': MULTIKEY_V1_CONTEXT, id: `${did}#${publicKeyMultibase}`, type: 'Multikey' as const, controller: did, publicKeyMultibase };
}

/** `/.well-known/did.json`: every key, current and earlier, may assert credentials (old credentials keep verifying). */
export function didDocumentOf(issuer: Pick<Issuer, 'did' | 'publicKeys'>) {
  const methods = issuer.publicKeys.map((key) => {
    const { '@context': _context, ...method } = verificationMethodOf(issuer.did, key);
    return method;
  });
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: issuer.did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}
