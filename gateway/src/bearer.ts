import { createHash, timingSafeEqual } from 'node:crypto';

// Hashing both sides gives equal-length inputs, so timingSafeEqual leaks neither
// the token nor its length.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** The gateway's one shared secret: `Authorization: Bearer <token>` (Upstash REST and /__stats). */
export function bearerCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(`Bearer ${token}`);
  return (authorization) => timingSafeEqual(digest(authorization ?? ''), expected);
}
