import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { constantTimeEqual } from './constant-time';

/** scrypt cost. OWASP's equal-strength settings trade memory for passes; 2^15/8/3 needs 32 MiB. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const FORMAT = /^\$scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export function parseScryptParams(text: string): ScryptParams {
  const [N, r, p] = text.split(',').map(Number);
  if (!N || !r || !p || (N & (N - 1)) !== 0) throw new Error(`Bad scrypt parameters "${text}"`);
  return { N, r, p };
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

function derive(password: string, salt: Uint8Array, { N, r, p }: ScryptParams) {
  // maxmem just above what N and r need: a stored hash can't make us allocate more than our own cost.
  return scryptAsync(password.normalize('NFKC'), salt, { N, r, p, dkLen: KEY_LENGTH, maxmem: 128 * N * r + 1024 * r * p + 1_048_576 });
}

/** A self-describing hash: `$scrypt$N=…,r=…,p=…$salt$key`, so the cost can rise later. */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return `$scrypt$N=${params.N},r=${params.r},p=${params.p}$${toBase64(salt)}$${toBase64(key)}`;
}


export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [, N, r, p, salt, key] = match;
  const params = { N: Number(N), r: Number(r), p: Number(p) };
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false; // refuse absurd stored costs
  const expected = fromBase64(key ?? '');
  const actual = await derive(password, fromBase64(salt ?? ''), params);
  return constantTimeEqual(actual, expected);
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next login. */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const match = FORMAT.exec(stored);
  return !match || Number(match[1]) !== params.N || Number(match[2]) !== params.r || Number(match[3]) !== params.p;
}
