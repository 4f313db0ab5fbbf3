import { base64url } from 'jose';
import { bitstringWith, isBitSet } from '../domain/status-list';
import { VC_V2_CONTEXT } from './contexts';
import type { Issuer } from './issuer';
import { statusListUrl, xsdDateTime } from './open-badge';
import { withDataIntegrityProof } from './sign';

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** `encodedList`: the bitstring GZIP-compressed, base64url-encoded, with the multibase prefix `u`. */
export async function encodeList(bits: Uint8Array): Promise<string> {
  return `u${base64url.encode(await pipeThrough(bits, new CompressionStream('gzip')))}`;
}

export async function decodeList(encoded: string): Promise<Uint8Array> {
  if (!encoded.startsWith('u')) throw new Error('encodedList is not base64url multibase');
  return pipeThrough(base64url.decode(encoded.slice(1)), new DecompressionStream('gzip'));
}

/** The signed BitstringStatusListCredential of one list, with the bits of `revoked` set. */
export async function statusListCredential(issuer: Issuer, list: number, revoked: number[], now = new Date()) {
  const url = statusListUrl(issuer, list);
  const credential = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuer.did,
    validFrom: xsdDateTime(now),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: await encodeList(bitstringWith(revoked)) },
  };
  return withDataIntegrityProof(credential, issuer);
}

/** Whether a status list credential marks `index` (read from the published document, as a verifier would). */
export async function isRevokedIn(listCredential: { credentialSubject: { encodedList: string } }, index: number): Promise<boolean> {
  return isBitSet(await decodeList(listCredential.credentialSubject.encodedList), index);
}
