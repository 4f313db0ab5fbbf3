import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { documentLoaderWith } from './contexts';
import { didDocumentOf, verificationMethodOf, type Issuer } from './issuer';
import { isRevokedIn } from './status-list';

export interface Verification {
  verified: boolean;
  /** The Data Integrity proof against the key in our DID document. */
  proof: 'valid' | 'invalid';
  /** The credential's bit in the published status list. */
  status: 'active' | 'revoked';
  errors: string[];
}

/**
 * Verifies a stored credential as a verifier would, with Digital Bazaar's verifier, against what this
 * deployment publishes: its DID document (every key, current and earlier) and the status list credential.
 */
export async function verifyCredential(issuer: Issuer, credential: Record<string, unknown>, statusList: { credentialSubject: { encodedList: string } }): Promise<Verification> {
  const documents = new Map<string, unknown>([[issuer.did, didDocumentOf(issuer)]]);
  for (const key of issuer.publicKeys) documents.set(`${issuer.did}#${key}`, verificationMethodOf(issuer.did, key));
  const index = Number((credential.credentialStatus as { statusListIndex?: string } | undefined)?.statusListIndex);
  const revoked = Number.isInteger(index) && (await isRevokedIn(statusList, index));
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: documentLoaderWith(documents),
    checkStatus: async () => (revoked ? { verified: false, error: new Error('The credential is revoked') } : { verified: true }),
  });
  const proofValid = Array.isArray(result.results) && result.results.length > 0 && result.results.every((r) => (r as { verified?: boolean }).verified);
  const errors = (result.error?.errors ?? (result.error ? [result.error] : [])).map((e) => (e as Error).message ?? String(e));
  return { verified: result.verified, proof: proofValid ? 'valid' : 'invalid', status: revoked ? 'revoked' : 'active', errors };
}
