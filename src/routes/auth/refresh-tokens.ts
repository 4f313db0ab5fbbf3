import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, TransactionalDatabase } from '../../db/client';
import { refreshTokens } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { DbExecutor } from '../../db/client';

/**
 * Refresh tokens are opaque: 32 random bytes, base64url. Only their SHA-256 is stored, so a database
 * leak hands out nothing usable. Each use rotates the token inside its family; presenting a token
 * that was already rotated means it leaked, and the whole family is revoked (RFC 9700 §4.14.2).
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

/** Stores a new token for `userId` in `familyId` (a new family at login) and returns its clear value. */
export async function issueRefreshToken(
  db: DbExecutor,
  { userId, familyId = crypto.randomUUID(), ttlSeconds }: { userId: string; familyId?: string; ttlSeconds: number },
): Promise<string> {
  const token = toBase64Url(randomBytes(32));
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashRefreshToken(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  });
  return token;
}

/**
 * Marks `token` used and issues its successor, in one transaction. The conditional UPDATE is the
 * race guard: of two concurrent uses only one matches `used_at IS NULL`; the other waits for the
 * row lock, sees it used, and is treated as a reuse.
 */
export async function rotateRefreshToken(db: TransactionalDatabase, token: string, ttlSeconds: number) {
  if (!TOKEN_FORMAT.test(token)) throw invalidRefreshToken();
  const tokenHash = hashRefreshToken(token);
  const rotated = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(refreshTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.usedAt),
          isNull(refreshTokens.revokedAt),
          gt(refreshTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: refreshTokens.userId, familyId: refreshTokens.familyId });
    if (!used) return undefined;
    const next = await issueRefreshToken(tx, { ...used, ttlSeconds });
    return { userId: used.userId, refreshToken: next };
  });
  if (rotated) return rotated;
  throw await explainRejectedToken(db, tokenHash);
}

/** Why a token could not be rotated; a reuse revokes its family as a side effect. */
async function explainRejectedToken(db: Database, tokenHash: string): Promise<AppError> {
  const [row] = await db
    .select({
      familyId: refreshTokens.familyId,
      userId: refreshTokens.userId,
      usedAt: refreshTokens.usedAt,
      revokedAt: refreshTokens.revokedAt,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash));
  if (!row) return invalidRefreshToken();
  if (row.revokedAt) return invalidRefreshToken('Refresh token has been revoked');
  if (row.usedAt) {
    await revokeFamily(db, row.familyId);
    log.warn('refresh_token_reuse', { user_id: row.userId, family_id: row.familyId });
    return invalidRefreshToken('Refresh token was already used; its session has been revoked');
  }
  return invalidRefreshToken('Refresh token has expired');
}

async function revokeFamily(db: DbExecutor, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/**
 * Logout: revokes the family of `token`; unknown tokens are ignored (idempotent, reveals nothing).
 * Two statements on purpose: the first waits for a concurrent rotation of the same row to commit,
 * so the second (a fresh snapshot) also sees the successor that rotation inserted.
 */
export async function revokeFamilyOf(db: Database, token: string): Promise<void> {
  if (!TOKEN_FORMAT.test(token)) return;
  const [row] = await db
    .update(refreshTokens)
    .set({ revokedAt: sql`coalesce(${refreshTokens.revokedAt}, now())` })
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)))
    .returning({ familyId: refreshTokens.familyId });
  if (row) await revokeFamily(db, row.familyId);
}

/** After a password change every session of the user ends. */
export async function revokeUserRefreshTokens(db: DbExecutor, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
