import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, parsePasswordParams, unmatchableHash, verifyPassword } from '../../src/auth/password';

const cheap = { m: 1024, t: 1, p: 1 };

// Known answers from an independent implementation (Node 24's `crypto.argon2Sync`, i.e. OpenSSL).
const VECTORS = [
  ['correct horse battery staple', '$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$5Tx9YkNNWfq1gl0Huxrt8T0TE4IsPYoxCIG6y6JJZ6I'],
  ['Grüße, 世界 🔑', '$argon2id$v=19$m=256,t=2,p=2$AAECAwQFBgcICQoLDA0ODw$lkUKn+WBG2GwniEOoITWewQX9GpbZA03vyDOT7RS8Hk'],
] as const;
// Made by the scrypt code this replaced (N=1024, r=8, p=1): such hashes are still in the database.
const LEGACY_SCRYPT = '$scrypt$N=1024,r=8,p=1$vcKkGXAC5xCgRYi1ZwsomA==$u27tiIDO64idafUCaXUzYlT7sRNEivm43HIFOnUyKQs=';

describe('password hashing (Argon2id)', () => {
  it('stores a PHC string and verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', cheap);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
  });

  it('agrees with another Argon2id implementation, multi-byte UTF-8 and two lanes included', async () => {
    for (const [password, stored] of VECTORS) expect(await verifyPassword(password, stored)).toBe(true);
  });

  it('hashes every byte of a non-ASCII password: one changed letter fails', async () => {
    const stored = await hashPassword('café crème', cheap);
    expect(await verifyPassword('café crème', stored)).toBe(true);
    expect(await verifyPassword('café crèmê', stored)).toBe(false);
    expect(await verifyPassword('cafê crème', stored)).toBe(false);
  });

  it('verifies hashes made with scrypt before the switch', async () => {
    expect(await verifyPassword('correct horse battery staple', LEGACY_SCRYPT)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', LEGACY_SCRYPT)).toBe(false);
  });

  it('answers false, without throwing, for malformed or absurd-cost stored hashes', async () => {
    const [, valid] = VECTORS[0];
    const malformed = [
      '',
      'not-a-hash',
      valid.replace('$argon2id$', '$argon2i$'),
      valid.replace('v=19', 'v=16'),
      valid.replace('m=1024', 'm=4194304'), // 4 GiB
      valid.replace('m=1024', 'm=65537'),
      valid.replace('t=1', 't=1000'),
      valid.replace('p=1', 'p=255'),
      valid.replace('m=1024,t=1,p=1', 'm=8,t=1,p=2'), // below Argon2's 8 KiB a lane
      valid.replace('t=1', 't=0'),
      valid.replace('$c2FsdHNhbHRzYWx0c2FsdA$', '$c2FsdA$'), // 4-byte salt
      valid.replace('$c2FsdHNhbHRzYWx0c2FsdA$', '$c2FsdHNhbHRzYWx0c2Fsd$'), // not base64 (length)
      `${valid}=`,
      '$scrypt$N=1073741824,r=8,p=1$AAAA$AAAA',
      '$scrypt$N=1048576,r=8,p=1$vcKkGXAC5xCgRYi1ZwsomA==$u27tiIDO64idafUCaXUzYlT7sRNEivm43HIFOnUyKQs=', // 1 GiB
      '$scrypt$N=1000,r=8,p=1$vcKkGXAC5xCgRYi1ZwsomA==$u27tiIDO64idafUCaXUzYlT7sRNEivm43HIFOnUyKQs=',
      '$scrypt$N=1024,r=8,p=99$vcKkGXAC5xCgRYi1ZwsomA==$u27tiIDO64idafUCaXUzYlT7sRNEivm43HIFOnUyKQs=',
    ];
    for (const stored of malformed) expect(await verifyPassword('correct horse battery staple', stored), stored).toBe(false);
  });

  it('asks for a rehash of scrypt hashes and of Argon2id hashes of another cost', async () => {
    const stored = await hashPassword('pw', cheap);
    expect(needsRehash(stored, cheap)).toBe(false);
    expect(needsRehash(stored, { m: 2048, t: 1, p: 1 })).toBe(true);
    expect(needsRehash(stored, { m: 1024, t: 2, p: 1 })).toBe(true);
    expect(needsRehash(stored, { m: 1024, t: 1, p: 2 })).toBe(true);
    expect(needsRehash(LEGACY_SCRYPT, cheap)).toBe(true);
    expect(needsRehash('not-a-hash', cheap)).toBe(true);
  });

  it('has an unmatchable hash at a given cost, for logins of unknown users', async () => {
    const dummy = unmatchableHash(cheap);
    expect(needsRehash(dummy, cheap)).toBe(false);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', dummy)).toBe(false);
  });

  it('parses "m,t,p" and refuses what verification would refuse', () => {
    expect(parsePasswordParams('19456,2,1')).toEqual({ m: 19456, t: 2, p: 1 });
    for (const bad of ['32768,8', '0,2,1', '8,1,2', '19456,0,1', '19456,2,0', '131072,2,1', '19456,2,1,4', 'a,b,c']) {
      expect(() => parsePasswordParams(bad), bad).toThrow();
    }
  });
});
