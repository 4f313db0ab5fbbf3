import { scryptAsync } from '@noble/hashes/scrypt.js';
import { constantTimeEqual } from '../domain/constant-time';

// Hashes made before Argon2id: `$scrypt$N=…,r=…,p=…$salt$key` (padded base64). Only verified, never made:
// a successful login replaces them (see needsRehash).
const FORMAT = /^\$scrypt\$N=(\d{1,7}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{1,88}={0,2})\$([A-Za-z0-9+/]{43}=)$/;

/** What a stored scrypt hash may ask for: production used 2^15/8/3 (32 MiB); at most 64 MiB and 4 passes. */
function withinLimits(N: number, r: number, p: number): boolean {
  return N >= 2 && (N & (N - 1)) === 0 && N <= 2 ** 16 && r >= 1 && r <= 8 && p >= 1 && p <= 4;
}

export async function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!withinLimits(N, r, p)) return false;
  let salt: Uint8Array, expected: Uint8Array;
  try {
    [salt, expected] = [fromBase64(match[4] ?? ''), fromBase64(match[5] ?? '')];
  } catch {
    return false; // not base64 after all
  }
  const maxmem = 128 * N * r + 1024 * r * p + 1_048_576;
  const actual = await scryptAsync(password.normalize('NFKC'), salt, { N, r, p, dkLen: expected.length, maxmem });
  return constantTimeEqual(actual, expected);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}
