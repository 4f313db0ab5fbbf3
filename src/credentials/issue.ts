import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { badges, credentials, userBadges, users } from '../db/schema';
import { statusIndexFrom } from '../domain/status-list';
import { log } from '../lib/logger';
import type { Issuer } from './issuer';
import { openBadgeCredential, type BadgeFacts, type Recipient } from './open-badge';
import { asVcJwt, withDataIntegrityProof } from './sign';

/** Random indexes tried in one list before the next list is used: a list fills up to ~90% this way. */
const TRIES_PER_LIST = 8;

const randomHex = (bytes: number) => [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
const randomIndex = () => statusIndexFrom(crypto.getRandomValues(new Uint32Array(1))[0]!);

/** The player's DID if their profile has one (PUT /users/{id}/did), for the credential subject. */
export function recipientOf(user: { email: string; profile: Record<string, unknown> }): Recipient {
  const did = user.profile.did;
  return typeof did === 'string' && did ? { email: user.email, did } : { email: user.email };
}

/**
 * Issues a credential for every badge the player has earned and has none for yet: the first request
 * that lists them pays the signing (a few ms each), every later one reads stored rows. Idempotent: the
 * (user, badge) key takes one credential, and a concurrent issuer's row wins over ours (ON CONFLICT DO
 * NOTHING), so a retry or a race never changes a credential's bytes.
 */
export async function issueMissingCredentials(db: Database, issuer: Issuer, userId: string): Promise<number> {
  const [user] = await db.select({ email: users.email, profile: users.profile }).from(users).where(eq(users.id, userId));
  if (!user) return 0;
  const missing = await db
    .select({ badge: badges, awardedAt: userBadges.awardedAt })
    .from(userBadges)
    .innerJoin(badges, eq(badges.id, userBadges.badgeId))
    .leftJoin(credentials, and(eq(credentials.userId, userBadges.userId), eq(credentials.badgeId, userBadges.badgeId)))
    .where(and(eq(userBadges.userId, userId), isNull(credentials.id)));
  let issued = 0;
  for (const { badge, awardedAt } of missing) {
    if (await issueOne(db, issuer, userId, recipientOf(user), badge, awardedAt)) issued++;
  }
  return issued;
}

/** Signs and stores one credential; false when another issuer stored one for this badge first. */
export async function issueOne(db: Database, issuer: Issuer, userId: string, recipient: Recipient, badge: BadgeFacts, awardedAt: Date): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const statusList = 1 + Math.floor(attempt / TRIES_PER_LIST);
    const id = crypto.randomUUID();
    const statusIndex = randomIndex();
    const unsigned = await openBadgeCredential(issuer, { id, badge, awardedAt, recipient, salt: randomHex(16), statusList, statusIndex });
    const document = JSON.stringify(await withDataIntegrityProof(unsigned, issuer));
    const jwt = await asVcJwt(unsigned, issuer);
    const inserted = await db
      .insert(credentials)
      .values({ id, userId, badgeId: badge.id, statusList, statusIndex, document, jwt })
      .onConflictDoNothing()
      .returning({ id: credentials.id });
    if (inserted.length > 0) {
      log.info('credential_issued', { credential_id: id, user_id: userId, badge_id: badge.id, status_list: statusList });
      return true;
    }
    // Either this badge has its credential already (a concurrent request won), or the status index is taken.
    const [existing] = await db.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.userId, userId), eq(credentials.badgeId, badge.id)));
    if (existing) return false;
  }
}
