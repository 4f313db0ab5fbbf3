/** Strong entity tags for JSON answers, and the If-None-Match check of RFC 9110 §13.1.2. */

/** `"<base64url SHA-256 of the body>"`: equal bodies get equal tags in every isolate and data center. */
export async function strongEtag(body: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  const base64 = btoa(String.fromCharCode(...digest));
  return `"${base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}"`;
}

/**
 * True when `If-None-Match` names `etag` (or is `*`): the client's copy is current. The comparison is the
 * weak one the RFC asks for here, so a `W/` a proxy may have added still matches.
 */
export function ifNoneMatchHolds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === opaque);
}
