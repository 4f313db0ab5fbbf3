import { describe, expect, it } from 'vitest';
import { ifNoneMatchHolds, strongEtag } from '../../src/lib/etag';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

describe('strongEtag', () => {
  it('is the quoted, unpadded base64url SHA-256 of the body', async () => {
    // node -e 'console.log(require("crypto").createHash("sha256").update(body).digest("base64url"))'
    const body = '{"window":"all","entries":[]}';
    expect(await strongEtag(bytes(body))).toBe('"tRpYA1YBAZRuHDBm4pRfwQWbm_1TgzZUe2vIkCud19M"');
  });

  it('uses the URL-safe alphabet for digests that would contain + or /', async () => {
    // Among 200 bodies, base64 would put + or / in some; none may appear in the tag.
    const tags = await Promise.all(Array.from({ length: 200 }, (_, i) => strongEtag(bytes(String(i)))));
    expect(tags.every((tag) => /^"[A-Za-z0-9_-]{43}"$/.test(tag))).toBe(true);
  });
});

describe('ifNoneMatchHolds', () => {
  const etag = '"abc"';
  it.each([
    ['the same tag', '"abc"', true],
    ['a weak form of it (weak comparison, RFC 9110)', 'W/"abc"', true],
    ['a list naming it', '"x", "abc" ,"y"', true],
    ['a wildcard', '*', true],
    ['no header', undefined, false],
    ['another tag', '"abd"', false],
    ['a list without it', '"x", W/"y"', false],
    ['an unquoted value', 'abc', false],
  ])('%s', (_name, header, holds) => {
    expect(ifNoneMatchHolds(header, etag)).toBe(holds);
  });
});
