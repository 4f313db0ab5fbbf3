import { describe, expect, it } from 'vitest';
import { criteriaNarrative } from '../../src/domain/achievement-criteria';
import { didWebOf } from '../../src/domain/did-web';
import { bitstringWith, isBitSet, STATUS_LIST_SIZE, statusIndexFrom } from '../../src/domain/status-list';
import { base58btc, decodePublicKey, decodeSecretKey, encodePublicKey, encodeSecretKey, fromBase58btc } from '../../src/credentials/multikey';
import { generateSigningKey, signingKeyFrom } from '../../src/credentials/signing-key';

describe('criteriaNarrative', () => {
  it('is one sentence for a leaf condition', () => {
    expect(criteriaNarrative({ type: 'xp', threshold: 1000 })).toBe('Awarded by SkillQuest, whose scoring recorded that the player met this condition:\n\nEarn 1,000 XP.');
  });

  it('is a nested Markdown list for composites', () => {
    const narrative = criteriaNarrative({
      type: 'any',
      of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'all', of: [{ type: 'difficulty_count', difficulty: 'hard', count: 1 }, { type: 'level', level: 3 }] }],
    });
    expect(narrative.split('\n\n')[1]).toBe(
      ['At least one of the following:', '- Pass 2 challenges tagged sql.', '- All of the following:', '  - Pass 1 hard challenge.', '  - Reach level 3.'].join('\n'),
    );
  });
});

describe('didWebOf', () => {
  it('is the host, with a port percent-encoded', () => {
    expect(didWebOf('https://api.example.com')).toBe('did:web:api.example.com');
    expect(didWebOf('http://localhost:8787')).toBe('did:web:localhost%3A8787');
  });
});

describe('the bitstring status list', () => {
  it('is 131,072 bits, index 0 the first byte’s most significant bit', () => {
    const bits = bitstringWith([0, 9, STATUS_LIST_SIZE - 1]);
    expect(bits.length).toBe(16_384);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
    expect(bits[16_383]).toBe(0x01);
    expect([0, 1, 9, STATUS_LIST_SIZE - 1].map((i) => isBitSet(bits, i))).toEqual([true, false, true, true]);
  });

  it('refuses indexes outside the list', () => {
    expect(() => bitstringWith([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => bitstringWith([-1])).toThrow(RangeError);
    expect(() => isBitSet(bitstringWith([]), STATUS_LIST_SIZE)).toThrow(RangeError);
    expect(() => isBitSet(bitstringWith([]), -1)).toThrow(new RangeError('status index -1 is outside the list'));
    expect(() => isBitSet(bitstringWith([]), -9)).toThrow(RangeError);
    expect(() => bitstringWith([STATUS_LIST_SIZE])).toThrow(new RangeError(`status index ${STATUS_LIST_SIZE} is outside the list`));
  });

  it('maps any 32-bit value into the list', () => {
    expect(statusIndexFrom(0)).toBe(0);
    expect(statusIndexFrom(0xffffffff)).toBe(STATUS_LIST_SIZE - 1);
  });
});

describe('Multikey', () => {
  it('round-trips base58btc, leading zeros included', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 255]);
    expect(fromBase58btc(base58btc(bytes))).toEqual(bytes);
    expect(base58btc(Uint8Array.from([0, 0]))).toBe('11');
  });

  it('encodes Ed25519 keys as z6Mk… (public) and z3u2… (secret), and refuses the wrong kind', () => {
    const key = new Uint8Array(32).fill(7);
    expect(encodePublicKey(key)).toMatch(/^z6Mk/);
    expect(encodeSecretKey(key)).toMatch(/^z3u2/);
    expect(decodePublicKey(encodePublicKey(key))).toEqual(key);
    expect(decodeSecretKey(encodeSecretKey(key))).toEqual(key);
    expect(() => decodePublicKey(encodeSecretKey(key))).toThrow(/public/);
  });

  it('derives the public key of a generated secret (what npm run credentials:keygen prints)', async () => {
    const generated = await generateSigningKey();
    expect((await signingKeyFrom(generated.secretKeyMultibase)).publicKeyMultibase).toBe(generated.publicKeyMultibase);
  });
});
