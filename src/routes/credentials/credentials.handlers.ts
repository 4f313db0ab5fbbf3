import type { Context } from 'hono';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../../credentials/contexts';
import { issueMissingCredentials } from '../../credentials/issue';
import { didDocumentOf, issuerFor } from '../../credentials/issuer';
import { achievementOf, credentialUrl } from '../../credentials/open-badge';
import { rebuildStatusList, revokeCredential as revoke, statusListDocument } from '../../credentials/status-store';
import { verifyCredential as verify } from '../../credentials/verify';
import { AppError } from '../../lib/app-error';
import { log } from '../../lib/logger';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import * as queries from './credentials.queries';
import type {
  AchievementRoute,
  DidDocumentRoute,
  GetCredentialRoute,
  IssuerProfileRoute,
  ListUserCredentialsRoute,
  RevokeCredentialRoute,
  SetSubjectDidRoute,
  StatusListRoute,
  VerifyCredentialRoute,
} from './credentials.routes';

const notFound = (message: string) => new AppError({ code: 'not_found', message });
const JSON_TYPE = 'application/json; charset=utf-8';
/** The page's own policy (public/_headers' for the static pages), with badge images from any https host. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const issuerOf = (c: Context<AppBindings>) => issuerFor(c.var.config, c.req.url);

/**
 * Stored documents go out byte for byte (a signed credential must not be re-serialised), so they skip the
 * typed JSON responder; the route still documents their schema.
 */
function stored(c: Context<AppBindings>, body: string, headers: Record<string, string>): never {
  return c.body(body, 200, headers) as never;
}

export const didDocument: AppRouteHandler<DidDocumentRoute> = async (c) => c.json(didDocumentOf(await issuerOf(c)), 200);

export const issuerProfile: AppRouteHandler<IssuerProfileRoute> = async (c) => {
  const issuer = await issuerOf(c);
  return c.json({ '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], ...issuer.profile } as never, 200);
};

export const achievement: AppRouteHandler<AchievementRoute> = async (c) => {
  const issuer = await issuerOf(c);
  const badge = await queries.findBadge(c.var.services.db, c.req.valid('param').id);
  if (!badge) throw notFound('Badge not found');
  return c.json({ '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT], ...achievementOf(issuer, badge) } as never, 200);
};

/** Product rule: someone else's private resource is a 404, never a 403 (it does not say the player exists). */
function ownOrAdmin(c: Context<AppBindings>, userId: string) {
  const { user } = c.var;
  if (user.id !== userId && user.role !== 'admin') throw notFound('User not found');
}

export const listUserCredentials: AppRouteHandler<ListUserCredentialsRoute> = async (c) => {
  const { id } = c.req.valid('param');
  ownOrAdmin(c, id);
  const { db } = c.var.services;
  const issuer = await issuerOf(c);
  if (!(await queries.findUser(db, id))) throw notFound('User not found');
  // Issuing is lazy: only a list with an earned badge that has no credential yet signs anything.
  if (await queries.hasUnissued(db, id)) await issueMissingCredentials(db, issuer, id);
  const rows = await queries.listCredentials(db, id);
  const items = rows.map((row) => ({
    id: row.id,
    badge_id: row.badgeId,
    badge_name: row.badgeName,
    awarded_at: row.awardedAt.toISOString(),
    issued_at: row.issuedAt.toISOString(),
    revoked: row.revokedAt !== null,
    url: credentialUrl(issuer, row.id),
  }));
  return c.json({ items, total: items.length }, 200);
};

export const setSubjectDid: AppRouteHandler<SetSubjectDidRoute> = async (c) => {
  const { id } = c.req.valid('param');
  if (c.var.user.id !== id) throw notFound('User not found');
  const { did } = c.req.valid('json');
  if (!(await queries.setProfileDid(c.var.services.db, id, did))) throw notFound('User not found');
  return c.json({ did }, 200);
};

export const statusList: AppRouteHandler<StatusListRoute> = async (c) => {
  const document = await statusListDocument(c.var.services.db, await issuerOf(c), c.req.valid('param').list);
  if (!document) throw notFound('Status list not found');
  // Verifiers may cache it briefly; a revocation shows within a minute.
  return stored(c, document, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'public, max-age=60' });
};

type Representation = 'jwt' | 'html' | 'json';

/** Explicit asks win: a VC-JWT, else a browser's page, else the JSON credential (API clients, `*\/*`, no header). */
export function representationFor(accept: string | undefined): Representation {
  const types = (accept ?? '').toLowerCase();
  if (types.includes('application/vc+jwt')) return 'jwt';
  if (types.includes('text/html')) return 'html';
  return 'json';
}

export const getCredential: AppRouteHandler<GetCredentialRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const representation = representationFor(c.req.header('Accept'));
  const row = await queries.findCredential(c.var.services.db, id);
  if (!row) throw notFound('Credential not found');
  const headers = { Vary: 'Accept' };
  if (representation === 'html') {
    const page = await c.env.ASSETS.fetch(new URL('/credential.html', c.req.url));
    return stored(c, await page.text(), { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP });
  }
  if (representation === 'jwt') return stored(c, row.jwt, { ...headers, 'Content-Type': 'application/vc+jwt' });
  return stored(c, row.document, { ...headers, 'Content-Type': JSON_TYPE });
};

export const verifyCredential: AppRouteHandler<VerifyCredentialRoute> = async (c) => {
  const { db } = c.var.services;
  const row = await queries.findCredential(db, c.req.valid('param').id);
  if (!row) throw notFound('Credential not found');
  const issuer = await issuerOf(c);
  const list = await statusListDocument(db, issuer, row.statusList);
  if (!list) throw new Error(`status list ${row.statusList} of credential ${row.id} missing`);
  const result = await verify(issuer, JSON.parse(row.document), JSON.parse(list));
  return c.json({ ...result, revocation_reason: row.revocationReason, checked_at: new Date().toISOString() }, 200);
};

export const revokeCredential: AppRouteHandler<RevokeCredentialRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { db } = c.var.services;
  const issuer = await issuerOf(c);
  const revocation = await revoke(db, id, c.req.valid('json').reason, c.var.user.id);
  if (!revocation) throw notFound('Credential not found');
  log.info('credential_revoked', { credential_id: id, status_list: revocation.statusList, by: c.var.user.id });
  // Publish now; if this fails, the next read of the list rebuilds it (its version says it is stale).
  await rebuildStatusList(db, issuer, revocation.statusList);
  return c.json({ id: revocation.id, revoked_at: revocation.revokedAt.toISOString(), reason: revocation.reason }, 200);
};
