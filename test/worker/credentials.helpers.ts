import { eq } from 'drizzle-orm';
import { importJWK } from 'jose';
import { base64url } from 'jose';
import type { DbHandle } from '../../src/db/client';
import { badges, credentials, userBadges } from '../../src/db/schema';
import { decodePublicKey } from '../../src/credentials/multikey';
import { api, unique } from './helpers';

/** A badge straight in Postgres, awarded to `userId` at `awardedAt` (as the award pipeline leaves it). */
export async function awardBadge(handle: DbHandle, userId: string, values: Partial<typeof badges.$inferInsert> = {}, awardedAt = new Date('2026-03-04T05:06:07Z')) {
  const [badge] = await handle.db
    .insert(badges)
    .values({ name: unique('Credential badge '), description: 'Pass a challenge.', condition: { type: 'attempt_count', count: 1 }, iconUrl: '/icons/first.svg', ...values })
    .returning();
  if (!badge) throw new Error('badge insert returned nothing');
  await handle.db.insert(userBadges).values({ userId, badgeId: badge.id, awardedAt });
  return badge;
}

export async function credentialRows(handle: DbHandle, userId: string) {
  return handle.db.select().from(credentials).where(eq(credentials.userId, userId));
}

/** The player's credential list, failing loudly if it is not a 200. */
export async function listCredentials(token: string, userId: string) {
  const res = await api('GET', `/users/${userId}/credentials`, { token });
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${res.text}`);
  return res.json as { items: { id: string; badge_id: string; url: string; revoked: boolean }[]; total: number };
}

/** The public key of a DID document's verification method, as jose wants it. */
export async function keyFromDidDocument(didDocument: { verificationMethod: { id: string; publicKeyMultibase: string }[] }, kid: string) {
  const method = didDocument.verificationMethod.find((m) => m.id === kid);
  if (!method) throw new Error(`no verification method ${kid}`);
  return importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64url.encode(decodePublicKey(method.publicKeyMultibase)) }, 'EdDSA');
}
