import { randomBytes } from '@noble/hashes/utils.js';
import { argon2id, type Argon2idCost } from './argon2/argon2id';
import { constantTimeEqual } from '../domain/constant-time';
import { verifyLegacyScrypt } from './legacy-scrypt';

/** Argon2id cost of new hashes: memory (KiB), passes, lanes. OWASP's minimum is 19456,2,1. */
export type PasswordParams = Argon2idCost;

const SALT_LENGTH = 16;
const KEY_LENGTH = 32;
/** The most a cost may ask for, ours or a stored hash's: 64 MiB is half a Worker's memory. */
const LIMITS: PasswordParams = { m: 65_536, t: 10, p: 4 };
// PHC string format: unpadded base64, salt of 8–64 bytes, key of 16–64 bytes.
const PHC = /^\$argon2id\$v=19\$m=(\d{1,6}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,86})\$([A-Za-z0-9+/]{22,86})$/;

/** Argon2's own floor (8 KiB a lane) up to LIMITS; anything else is refused before any hashing. */
function withinLimits({ m, t, p }: PasswordParams): boolean {
  return p >= 1 && p <= LIMITS.p && t >= 1 && t <= LIMITS.t && m >= 8 * p && m <= LIMITS.m;
}

/** `PASSWORD_HASH_PARAMS` ("m,t,p") as a cost; throws on one we would refuse to verify. */
export function parsePasswordParams(text: string): PasswordParams {
  const [m = 0, t = 0, p = 0] = /^\d+,\d+,\d+$/.test(text) ? text.split(',').map(Number) : [];
  const params = { m, t, p };
  if (!withinLimits(params)) throw new Error(`Bad Argon2id parameters "${text}": want "m,t,p" with m in KiB ≤ ${LIMITS.m}`);
  return params;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
// NFKC, as the scrypt hashes did: the same password typed on two keyboards gives the same bytes.
const passwordBytes = (password: string) => new TextEncoder().encode(password.normalize('NFKC'));

function encode({ m, t, p }: PasswordParams, salt: Uint8Array, key: Uint8Array): string {
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${toBase64(salt)}$${toBase64(key)}`;
}

function decode(stored: string): { params: PasswordParams; salt: Uint8Array; key: Uint8Array } | undefined {
  const match = PHC.exec(stored);
  if (!match) return undefined;
  const params = { m: Number(match[1]), t: Number(match[2]), p: Number(match[3]) };
  if (!withinLimits(params)) return undefined;
  try {
    return { params, salt: fromBase64(match[4] ?? ''), key: fromBase64(match[5] ?? '') };
  } catch {
    return undefined; // a length base64 can't have
  }
}

/** A PHC string, `$argon2id$v=19$m=…,t=…,p=…$salt$key`, so the cost can rise later. */
export async function hashPassword(password: string, params: PasswordParams): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return encode(params, salt, await argon2id(passwordBytes(password), salt, params, KEY_LENGTH));
}

/** Argon2id, or scrypt for hashes made before it. A malformed or over-limit stored hash is false. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$scrypt$')) return verifyLegacyScrypt(password, stored);
  const hash = decode(stored);
  if (!hash) return false;
  const actual = await argon2id(passwordBytes(password), hash.salt, hash.params, hash.key.length);
  return constantTimeEqual(actual, hash.key);
}

/** True for scrypt hashes and Argon2id ones of another cost: rehash at the next login. */
export function needsRehash(stored: string, params: PasswordParams): boolean {
  const hash = decode(stored);
  return !hash || hash.params.m !== params.m || hash.params.t !== params.t || hash.params.p !== params.p;
}

/**
 * A well-formed hash at today's cost that no password matches (its key is all zeros): verifying against it
 * when the user does not exist makes an unknown username take as long as a wrong password.
 */
export function unmatchableHash(params: PasswordParams): string {
  return encode(params, new Uint8Array(SALT_LENGTH), new Uint8Array(KEY_LENGTH));
}
