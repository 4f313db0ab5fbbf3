import { compactVerify, decodeProtectedHeader, jwtVerify } from 'jose';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueMissingCredentials } from '../../src/credentials/issue';
import { issuerFor } from '../../src/credentials/issuer';
import { users } from '../../src/db/schema';
import { api, BASE, config, createUser, expectError, useAdminAndPlayer } from './helpers';
import { awardBadge, credentialRows, keyFromDidDocument, listCredentials } from './credentials.helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;
const TEST_PUBLIC_KEY = 'z6MkgSLFFtmY9d5XyXbY6kDFHmxTNQQzCfXW6HoPA4XsF3mU';
const DID = 'did:web:sq.test';

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the issuer', () => {
  it('serves its did:web DID document with the signing key as a Multikey allowed to assert', async () => {
    const res = await api('GET', '/.well-known/did.json');
    expect(res.status, res.text).toBe(200);
    const vm = `${DID}#${TEST_PUBLIC_KEY}`;
    expect(res.json).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: DID,
      verificationMethod: [{ id: vm, type: 'Multikey', controller: DID, publicKeyMultibase: TEST_PUBLIC_KEY }],
      assertionMethod: [vm],
    });
  });

  it('publishes its Open Badges Profile', async () => {
    const res = await api('GET', '/issuer');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: DID, type: ['Profile'], name: 'SkillQuest', url: BASE });
  });

  it('publishes each badge as an Achievement whose criteria say the condition', async () => {
    const badge = await awardBadge(handle, accounts.admin.id, { condition: { type: 'all', of: [{ type: 'xp', threshold: 500 }, { type: 'tag_count', tag: 'sql', count: 2 }] } });
    const res = await api('GET', `/achievements/${badge.id}`);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      id: `${BASE}/achievements/${badge.id}`,
      type: ['Achievement'],
      name: badge.name,
      image: { id: `${BASE}/icons/first.svg`, type: 'Image' },
      criteria: { narrative: expect.stringContaining('All of the following:\n- Earn 500 XP.\n- Pass 2 challenges tagged sql.') },
    });
    expectError(await api('GET', '/achievements/00000000-0000-4000-8000-000000000000'), 404);
  });
});

describe('GET /users/{id}/credentials', () => {
  it('issues an OpenBadgeCredential per earned badge on first request, then serves the stored ones', async () => {
    const player = await createUser(handle);
    const badge = await awardBadge(handle, player.id);
    const first = await listCredentials(player.token, player.id);
    expect(first.total).toBe(1);
    const [item] = first.items;
    expect(item).toMatchObject({ badge_id: badge.id, badge_name: badge.name, revoked: false, url: `${BASE}/credentials/${item!.id}` });

    const again = await listCredentials(player.token, player.id);
    expect(again.items).toEqual(first.items);
    const rows = await credentialRows(handle, player.id);
    expect(rows).toHaveLength(1);

    const res = await api('GET', `/credentials/${item!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.text).toBe(rows[0]!.document); // the stored bytes, unchanged
    const credential = res.json;
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `${BASE}/credentials/${item!.id}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: DID, type: ['Profile'], name: 'SkillQuest' },
      validFrom: '2026-03-04T05:06:07Z',
      credentialSubject: { type: ['AchievementSubject'], achievement: { id: `${BASE}/achievements/${badge.id}`, name: badge.name } },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${BASE}/status-lists/1` },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${DID}#${TEST_PUBLIC_KEY}` },
    });
    const [identity] = credential.credentialSubject.identifier;
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity.identityHash).toBe(`sha256$${await sha256Hex(player.email.toLowerCase() + identity.salt)}`);
    expect(JSON.stringify(credential)).not.toContain(player.email);
  });

  it('issues once under redelivery: concurrent and repeated issuing leave one credential per badge, bytes unchanged', async () => {
    const player = await createUser(handle);
    await awardBadge(handle, player.id);
    await awardBadge(handle, player.id);
    const issuer = await issuerFor(config, BASE);
    const counts = await Promise.all([issueMissingCredentials(handle.db, issuer, player.id), issueMissingCredentials(handle.db, issuer, player.id)]);
    expect(counts[0]! + counts[1]!).toBeLessThanOrEqual(2);
    const before = await credentialRows(handle, player.id);
    expect(before).toHaveLength(2);
    expect(await issueMissingCredentials(handle.db, issuer, player.id)).toBe(0);
    await listCredentials(player.token, player.id);
    const after = await credentialRows(handle, player.id);
    expect(after.map((r) => [r.id, r.document, r.jwt]).sort()).toEqual(before.map((r) => [r.id, r.document, r.jwt]).sort());
    expect(new Set(after.map((r) => r.statusIndex)).size).toBe(2);
  });

  it('is the player’s own or an admin’s: someone else’s list is a 404, as is an unknown player', async () => {
    const player = await createUser(handle);
    await awardBadge(handle, player.id);
    expectError(await api('GET', `/users/${player.id}/credentials`, { token: accounts.player.token }), 404);
    expect((await api('GET', `/users/${player.id}/credentials`, { token: accounts.admin.token })).json.total).toBe(1);
    expectError(await api('GET', '/users/00000000-0000-4000-8000-000000000000/credentials', { token: accounts.admin.token }), 404);
    expectError(await api('GET', '/users/not-a-uuid/credentials', { token: accounts.admin.token }), 422);
  });
});

describe('GET /credentials/{id} as a VC-JWT and as a page', () => {
  it('gives the VC-JWT for Accept: application/vc+jwt, verifiable with jose against the DID document’s key', async () => {
    const player = await createUser(handle);
    await awardBadge(handle, player.id);
    const [item] = (await listCredentials(player.token, player.id)).items;
    const res = await api('GET', `/credentials/${item!.id}`, { headers: { Accept: 'application/vc+jwt' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/vc+jwt');
    const header = decodeProtectedHeader(res.text);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${DID}#${TEST_PUBLIC_KEY}` });
    const didDocument = (await api('GET', '/.well-known/did.json')).json;
    const key = await keyFromDidDocument(didDocument, header.kid!);
    const { payload } = await jwtVerify(res.text, key, { issuer: DID, typ: 'vc+jwt' });
    expect(payload).toMatchObject({ jti: `${BASE}/credentials/${item!.id}`, type: ['VerifiableCredential', 'OpenBadgeCredential'], validFrom: '2026-03-04T05:06:07Z' });
    expect(payload.proof).toBeUndefined();

    const tampered = res.text.replace(/\.([^.]+)\./, (_, body: string) => `.${body.slice(0, -2)}AA.`);
    await expect(compactVerify(tampered, key)).rejects.toThrow();
  });

  it('gives browsers the credential page; a missing credential is a 404', async () => {
    const player = await createUser(handle);
    await awardBadge(handle, player.id);
    const [item] = (await listCredentials(player.token, player.id)).items;
    const page = await api('GET', `/credentials/${item!.id}`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.text).toContain('credential.js');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expectError(await api('GET', '/credentials/00000000-0000-4000-8000-000000000000'), 404);
  });
});

describe('PUT /users/{id}/did', () => {
  it('names the player’s DID in credentials issued from then on; earlier ones keep their subject', async () => {
    const player = await createUser(handle);
    await awardBadge(handle, player.id);
    const [earlier] = (await listCredentials(player.token, player.id)).items;
    const did = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const set = await api('PUT', `/users/${player.id}/did`, { token: player.token, body: { did } });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toEqual({ did });
    await awardBadge(handle, player.id, {}, new Date('2026-03-05T00:00:00Z'));
    const items = (await listCredentials(player.token, player.id)).items;
    const later = items.find((i) => i.id !== earlier!.id)!;
    expect((await api('GET', `/credentials/${later.id}`)).json.credentialSubject).toMatchObject({ id: did, type: ['AchievementSubject'] });
    expect((await api('GET', `/credentials/${earlier!.id}`)).json.credentialSubject.id).toBeUndefined();
    const [row] = await handle.db.select({ profile: users.profile }).from(users).where(eq(users.id, player.id));
    expect(row?.profile).toMatchObject({ did });

    expectError(await api('PUT', `/users/${player.id}/did`, { token: accounts.player.token, body: { did } }), 404);
    expectError(await api('PUT', `/users/${player.id}/did`, { token: player.token, body: { did: 'mailto:me@example.com' } }), 422);
    expect((await api('PUT', `/users/${player.id}/did`, { token: player.token, body: { did: null } })).json).toEqual({ did: null });
  });
});
