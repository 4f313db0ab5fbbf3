import { createHash, timingSafeEqual } from 'node:crypto';

// Hashing both sides gives equal-length inputs, so timingSafeEqual leaks neither
// the token nor its length.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares a presented secret with the expected one in constant time. */
export function secretCheck(secret: string): (presented: string | undefined | null) => boolean {
  const expected = digest(secret);
  return (presented) => timingSafeEqual(digest(presented ?? ''), expected);
}

/** The gateway's one shared secret: `Authorization: Bearer <token>` (Upstash REST and /__stats). */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  return secretCheck(`Bearer ${token}`);
}
