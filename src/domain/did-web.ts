/**
 * The `did:web` identifier of an origin (https://w3c-ccg.github.io/did-method-web/): the host, with a port
 * percent-encoded (`did:web:localhost%3A8787`). Its DID document is served at `/.well-known/did.json`.
 */
export function didWebOf(origin: string): string {
  const url = new URL(origin);
  return `did:web:${encodeURIComponent(url.host)}`;
}
