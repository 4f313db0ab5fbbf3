import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, parseScryptParams, verifyPassword } from '../../src/domain/password';

const cheap = { N: 1024, r: 8, p: 1 };

describe('password hashing (scrypt, @noble/hashes)', () => {
  it('stores a self-describing hash and verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', cheap);
    expect(stored).toMatch(/^\$scrypt\$N=1024,r=8,p=1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
  });

  it('rejects malformed or absurd-cost stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', '$scrypt$N=1073741824,r=8,p=1$AAAA$AAAA')).toBe(false);
  });

  it('asks for a rehash when the configured cost changes', async () => {
    const stored = await hashPassword('pw', cheap);
    expect(needsRehash(stored, cheap)).toBe(false);
    expect(needsRehash(stored, { N: 2048, r: 8, p: 1 })).toBe(true);
  });

  it('parses "N,r,p" and refuses non-powers of two', () => {
    expect(parseScryptParams('32768,8,3')).toEqual({ N: 32768, r: 8, p: 3 });
    expect(() => parseScryptParams('1000,8,1')).toThrow();
  });
});
