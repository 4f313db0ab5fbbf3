/**
 * Ed25519 keys as Multikey strings (https://www.w3.org/TR/controller-document/#multikey): base58btc
 * multibase (`z…`) over a multicodec header and the 32 key bytes. Public keys read `z6Mk…`.
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ED25519_PUBLIC = [0xed, 0x01];
const ED25519_SECRET = [0x80, 0x26];

export function base58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let value = 0n;
  for (const byte of bytes) value = value * 256n + BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function fromBase58btc(text: string): Uint8Array {
  let value = 0n;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) throw new Error('not base58btc');
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

function encode(header: number[], key: Uint8Array): string {
  return `z${base58btc(Uint8Array.from([...header, ...key]))}`;
}

function decode(header: number[], multibase: string, what: string): Uint8Array {
  const bytes = multibase.startsWith('z') ? fromBase58btc(multibase.slice(1)) : new Uint8Array();
  if (bytes.length !== 34 || bytes[0] !== header[0] || bytes[1] !== header[1]) throw new Error(`not an Ed25519 ${what} key in Multikey form`);
  return bytes.slice(2);
}

export const encodePublicKey = (key: Uint8Array) => encode(ED25519_PUBLIC, key);
export const encodeSecretKey = (seed: Uint8Array) => encode(ED25519_SECRET, seed);
export const decodePublicKey = (multibase: string) => decode(ED25519_PUBLIC, multibase, 'public');
export const decodeSecretKey = (multibase: string) => decode(ED25519_SECRET, multibase, 'secret');
