import { and, asc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { credentials, credentialStatusLists } from '../db/schema';
import type { Issuer } from './issuer';
import { statusListCredential } from './status-list';

export interface Revocation {
  id: string;
  revokedAt: Date;
  reason: string;
  statusList: number;
}

/**
 * Revokes a credential and bumps its list's version in one statement, so a list can never miss the
 * revocation: whoever builds the list next (rebuildStatusList, here at once or on the next read) sees it.
 * Revoking again changes nothing and returns the first revocation.
 */
export async function revokeCredential(db: Database, id: string, reason: string, by: string): Promise<Revocation | undefined> {
  await db.execute(sql`
    with revoked as (
      update ${credentials} set revoked_at = now(), revocation_reason = ${reason}, revoked_by = ${by}
      where id = ${id} and revoked_at is null
      returning status_list
    )
    insert into ${credentialStatusLists} (id, version) select status_list, 1 from revoked
    on conflict (id) do update set version = ${credentialStatusLists.version} + 1, updated_at = now()
    returning id`);
  const [row] = await db
    .select({ id: credentials.id, revokedAt: credentials.revokedAt, reason: credentials.revocationReason, statusList: credentials.statusList })
    .from(credentials)
    .where(eq(credentials.id, id));
  return row?.revokedAt ? { ...row, revokedAt: row.revokedAt, reason: row.reason ?? '' } : undefined;
}

/**
 * The signed status list credential as stored, rebuilt first when a revocation made it stale (or it never
 * was built); undefined for a list no credential uses.
 */
export async function statusListDocument(db: Database, issuer: Issuer, list: number): Promise<string | undefined> {
  const [row] = await db.select().from(credentialStatusLists).where(eq(credentialStatusLists.id, list));
  if (row?.document && row.builtVersion >= row.version) return row.document;
  if (!row) {
    const [used] = await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.statusList, list)).limit(1);
    if (!used) return undefined;
  }
  return rebuildStatusList(db, issuer, list);
}

/**
 * Builds the list from the revocations stored now and keeps it unless a build from a later version got
 * there first. The version is read before the revocations, so the document holds at least every
 * revocation of that version.
 */
export async function rebuildStatusList(db: Database, issuer: Issuer, list: number): Promise<string> {
  await db.insert(credentialStatusLists).values({ id: list }).onConflictDoNothing();
  const [state] = await db.select({ version: credentialStatusLists.version }).from(credentialStatusLists).where(eq(credentialStatusLists.id, list));
  const version = state?.version ?? 0;
  const revoked = await db
    .select({ index: credentials.statusIndex })
    .from(credentials)
    .where(and(eq(credentials.statusList, list), isNotNull(credentials.revokedAt)))
    .orderBy(asc(credentials.statusIndex));
  const document = JSON.stringify(await statusListCredential(issuer, list, revoked.map((r) => r.index)));
  await db
    .update(credentialStatusLists)
    .set({ document, builtVersion: version, updatedAt: sql`now()` })
    .where(and(eq(credentialStatusLists.id, list), lt(credentialStatusLists.builtVersion, version)));
  return document;
}
