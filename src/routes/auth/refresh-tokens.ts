import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, DbExecutor, DbTransaction, TransactionalDatabase } from '../../db/client';
import { refreshTokens, users } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';

/**
 * Refresh tokens are opaque: 32 random bytes, base64url. Only their SHA-256 is stored, so a database
 * leak hands out nothing usable. Each use rotates the token inside its family; presenting a token
 * that was already rotated means it leaked, and the whole family is revoked (RFC 9700 §4.14.2).
 *
 * Rotation and revocation serialise on the user's row, always locked before any token row. A
 * revoking UPDATE can't see a successor that an in-flight rotation inserted but hasn't committed,
 * so a rotation holds the user row FOR SHARE (rotations of one user still run side by side) and a
 * revocation FOR NO KEY UPDATE (the lock a password change's UPDATE of the row takes): the
 * revocation waits for the rotations in flight, and its next statement (a fresh snapshot under
 * READ COMMITTED) sees their successors; a rotation that comes later waits, then finds its token
 * revoked.
 */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function hashRefreshToken(token: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(token)));
}

function invalidRefreshToken(message = 'Refresh token is invalid'): AppError {
  return new AppError({ code: 'unauthorized', message });
}

function lockUserOfToken(tx: DbTransaction, tokenHash: string, strength: 'share' | 'no key update') {
  return tx
    .select({ userId: users.id, familyId: refreshTokens.familyId })
    .from(users)
    .innerJoin(refreshTokens, eq(refreshTokens.userId, users.id))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for(strength, { of: users });
}

/**
 * How long tokens live: each one `ttlSeconds` from its issue (sliding), and none past
 * `familyMaxAgeSeconds` after its family's login (absolute).
 */
export interface TokenLifetime {
  ttlSeconds: number;
  familyMaxAgeSeconds: number;
}

/**
 * The login that started a family: its first token. Spelled out, because drizzle leaves the columns
 * of an UPDATE unqualified, and an unqualified family_id here would be the subquery's own.
 */
const familyStartedAt = sql<Date>`(select min(f.created_at) from refresh_tokens f where f.family_id = refresh_tokens.family_id)`;

/**
 * Login: a new family, stored only while the user's password hash is still the one just verified.
 * FOR SHARE orders it with a concurrent password change: either the change waits for this insert
 * and then revokes it, or the insert waits for the change and then finds the hash changed.
 * Answers undefined in that case.
 */
export async function issueFamily(
  db: Database,
  { userId, passwordHash, lifetime }: { userId: string; passwordHash: string; lifetime: TokenLifetime },
): Promise<string | undefined> {
  const token = toBase64Url(randomBytes(32));
  const seconds = Math.min(lifetime.ttlSeconds, lifetime.familyMaxAgeSeconds);
  const expiresAt = new Date(Date.now() + seconds * 1000).toISOString();
  const { rows } = await db.execute(sql`
    insert into ${refreshTokens} (user_id, family_id, token_hash, expires_at)
    select ${users.id}, ${crypto.randomUUID()}::uuid, ${hashRefreshToken(token)}, ${expiresAt}::timestamptz
    from ${users}
    where ${users.id} = ${userId} and ${users.passwordHash} = ${passwordHash}
    for share
    returning 1 as issued`);
  return rows.length > 0 ? token : undefined;
}

async function issueSuccessor(tx: DbTransaction, { userId, familyId, expiresAt }: { userId: string; familyId: string; expiresAt: Date }) {
  const token = toBase64Url(randomBytes(32));
  await tx.insert(refreshTokens).values({ userId, familyId, tokenHash: hashRefreshToken(token), expiresAt });
  return token;
}

/**
 * Marks `token` used and issues its successor, in one transaction. The conditional UPDATE is the
 * race guard: of two concurrent uses only one matches `used_at IS NULL`; the other waits for the
 * row lock, sees it used, and is treated as a reuse.
 */
export async function rotateRefreshToken(pool: TransactionalDatabase, token: string, lifetime: TokenLifetime) {
  if (!TOKEN_FORMAT.test(token)) throw invalidRefreshToken();
  const tokenHash = hashRefreshToken(token);
  const rotated = await pool.transaction(async (tx) => {
    await lockUserOfToken(tx, tokenHash, 'share');
    const [used] = await tx
      .update(refreshTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
          gt(familyStartedAt, sql`now() - make_interval(secs => ${lifetime.familyMaxAgeSeconds})`),
        ),
      )
      .returning({
        userId: refreshTokens.userId,
        familyId: refreshTokens.familyId,
        familyStartedAt: familyStartedAt.mapWith(refreshTokens.createdAt),
      });
    if (!used) return undefined;
    const familyEndsAt = used.familyStartedAt.getTime() + lifetime.familyMaxAgeSeconds * 1000;
    const expiresAt = new Date(Math.min(Date.now() + lifetime.ttlSeconds * 1000, familyEndsAt));
    return { userId: used.userId, refreshToken: await issueSuccessor(tx, { ...used, expiresAt }) };
  });
  if (rotated) return rotated;
  throw await explainRejectedToken(pool, tokenHash);
}

/** Why a token could not be rotated; a reuse revokes its family as a side effect. */
async function explainRejectedToken(pool: TransactionalDatabase, tokenHash: string): Promise<AppError> {
  const [row] = await pool
    .select({ userId: refreshTokens.userId, usedAt: refreshTokens.usedAt, revokedAt: refreshTokens.revokedAt })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash));
  if (!row) return invalidRefreshToken();
  if (row.revokedAt) return invalidRefreshToken('Refresh token has been revoked');
  if (row.usedAt) {
    const familyId = await revokeFamilyOfHash(pool, tokenHash);
    log.warn('refresh_token_reuse', { user_id: row.userId, family_id: familyId });
    return invalidRefreshToken('Refresh token was already used; its session has been revoked');
  }
  return invalidRefreshToken('Refresh token has expired');
}

/** Revokes the family of the token with `tokenHash`, after every rotation in flight for its user. */
async function revokeFamilyOfHash(pool: TransactionalDatabase, tokenHash: string): Promise<string | undefined> {
  return pool.transaction(async (tx) => {
    const [owner] = await lockUserOfToken(tx, tokenHash, 'no key update');
    if (!owner) return undefined;
    await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.familyId, owner.familyId), isNull(refreshTokens.revokedAt)));
    return owner.familyId;
  });
}

/** Logout: revokes the family of `token`; unknown tokens are ignored (idempotent, reveals nothing). */
export async function revokeFamilyOf(pool: TransactionalDatabase, token: string): Promise<void> {
  if (!TOKEN_FORMAT.test(token)) return;
  await revokeFamilyOfHash(pool, hashRefreshToken(token));
}

/**
 * After a password change every session of the user ends. Call it in the transaction that updated
 * the user row: that UPDATE holds the lock every rotation of the user waits for.
 */
export async function revokeUserRefreshTokens(db: DbExecutor, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
