// Test-only packages of Digital Bazaar's verifier stack: they ship no TypeScript types.
declare module '@digitalbazaar/security-document-loader' {
  export function securityLoader(): {
    addDocuments(options: { documents: Iterable<[string, unknown]> }): void;
    build(): (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  };
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: object): Promise<{ verified: boolean; results?: { verified: boolean; status?: boolean }[]; error?: unknown }>;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options: { id?: string; controller?: string }): Promise<{ signer(): { id: string; algorithm: string; sign(o: { data: Uint8Array }): Promise<Uint8Array> } }>;
}
