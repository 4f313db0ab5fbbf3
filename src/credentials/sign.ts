import { DataIntegrityProof, type Signer } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { SignJWT } from 'jose';
import { documentLoaderWith } from './contexts';
import type { Issuer } from './issuer';

/** WebCrypto's native Ed25519 behind the signer interface Digital Bazaar's Data Integrity suite takes. */
function signerOf(issuer: Issuer): Signer {
  return {
    id: issuer.verificationMethod,
    algorithm: 'Ed25519',
    async sign({ data }) {
      return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, issuer.key.privateKey, data));
    },
  };
}

/** The credential with an `eddsa-rdfc-2022` Data Integrity proof (RDF canonicalization + Ed25519). */
export async function withDataIntegrityProof<T extends object>(credential: T, issuer: Issuer): Promise<T & { proof: unknown }> {
  const suite = new DataIntegrityProof({ signer: signerOf(issuer), cryptosuite });
  // vc.issue adds the proof to the object it is given: sign a copy, so the caller's stays unsigned.
  return (await vc.issue({ credential: structuredClone(credential), suite, documentLoader: documentLoaderWith() })) as T & { proof: unknown };
}

/**
 * The same credential as a VC-JWT (VC-JOSE-COSE, as OB 3.0 §8.2 allows): the unsigned credential is the
 * payload, with the registered claims OB 3.0 lists (iss, jti, sub, nbf), signed EdDSA by the same key.
 */
export async function asVcJwt(credential: Record<string, unknown> & { id: string; validFrom: string }, issuer: Issuer): Promise<string> {
  const subject = (credential.credentialSubject as { id?: string } | undefined)?.id;
  const jwt = new SignJWT(credential)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: issuer.verificationMethod })
    .setIssuer(issuer.did)
    .setJti(credential.id)
    .setNotBefore(Math.floor(Date.parse(credential.validFrom) / 1000))
    .setIssuedAt();
  if (subject) jwt.setSubject(subject);
  return jwt.sign(issuer.key.privateKey);
}
