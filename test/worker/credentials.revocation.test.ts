import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { credentials, credentialStatusLists } from '../../src/db/schema';
import { decodeList } from '../../src/credentials/status-list';
import { isBitSet, STATUS_LIST_SIZE } from '../../src/domain/status-list';
import { apiWithEnv } from './env-helpers';
import { api, BASE, createUser, expectError, useAdminAndPlayer } from './helpers';
import { awardBadge, listCredentials } from './credentials.helpers';

const accounts = useAdminAndPlayer();
const { handle } = accounts;
const TEST_PUBLIC_KEY = 'z6MkgSLFFtmY9d5XyXbY6kDFHmxTNQQzCfXW6HoPA4XsF3mU';
// Another key, as after a rotation: the tests' key becomes the previous one.
const NEXT_SECRET_KEY = 'z3u2fbg1C3VZg6grHcqTxnZMBQm55EHJ7b5xFtuV2eNR2mvp';

async function issuedCredential() {
  const player = await createUser(handle);
  await awardBadge(handle, player.id);
  const [item] = (await listCredentials(player.token, player.id)).items;
  const credential = (await api('GET', `/credentials/${item!.id}`)).json;
  return { id: item!.id, player, credential, index: Number(credential.credentialStatus.statusListIndex) };
}

async function statusBit(index: number) {
  const res = await api('GET', '/status-lists/1');
  expect(res.status, res.text).toBe(200);
  expect(res.json).toMatchObject({
    id: `${BASE}/status-lists/1`,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: 'did:web:sq.test',
    credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: expect.stringMatching(/^u/) },
    proof: { cryptosuite: 'eddsa-rdfc-2022' },
  });
  const bits = await decodeList(res.json.credentialSubject.encodedList);
  expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
  return isBitSet(bits, index);
}

describe('verification and revocation', () => {
  it('verifies an issued credential; after POST /admin/credentials/{id}/revoke its status bit is set and it no longer verifies', async () => {
    const { id, index } = await issuedCredential();
    expect(await statusBit(index)).toBe(false);
    expect((await api('GET', `/credentials/${id}/verification`)).json).toMatchObject({ verified: true, proof: 'valid', status: 'active', errors: [], revocation_reason: null });

    const revoked = await api('POST', `/admin/credentials/${id}/revoke`, { token: accounts.admin.token, body: { reason: 'Awarded by mistake' } });
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.json).toMatchObject({ id, reason: 'Awarded by mistake' });
    expect(await statusBit(index)).toBe(true);
    const verification = (await api('GET', `/credentials/${id}/verification`)).json;
    expect(verification).toMatchObject({ verified: false, proof: 'valid', status: 'revoked', revocation_reason: 'Awarded by mistake' });

    // Revoking again is answered with the first revocation; the credential itself is still served as issued.
    const again = await api('POST', `/admin/credentials/${id}/revoke`, { token: accounts.admin.token, body: { reason: 'Other reason' } });
    expect(again.json).toEqual(revoked.json);
    expect((await api('GET', `/credentials/${id}`)).status).toBe(200);
  });

  it('a revocation reaches the list even when nothing rebuilt it since (the next read rebuilds a stale list)', async () => {
    const { id, index } = await issuedCredential();
    await statusBit(index);
    // What a revocation whose rebuild failed leaves: the credential revoked and the list's version bumped.
    await handle.db.update(credentials).set({ revokedAt: new Date(), revocationReason: 'by hand' }).where(eq(credentials.id, id));
    await handle.db.update(credentialStatusLists).set({ version: sql`${credentialStatusLists.version} + 1` }).where(eq(credentialStatusLists.id, 1));
    expect(await statusBit(index)).toBe(true);
  });

  it('a tampered credential does not verify', async () => {
    const { id, credential } = await issuedCredential();
    const tampered = sql`replace(${credentials.document}, '"validFrom":"2026-03-04T05:06:07Z"', '"validFrom":"2020-01-01T00:00:00Z"')`;
    await handle.db.update(credentials).set({ document: tampered }).where(eq(credentials.id, id));
    const verification = (await api('GET', `/credentials/${id}/verification`)).json;
    expect(verification).toMatchObject({ verified: false, proof: 'invalid', status: 'active' });
    expect(verification.errors.join(' ')).toMatch(/signature/i);
    expect((await api('GET', `/credentials/${id}`)).json.validFrom).not.toBe(credential.validFrom);
  });

  it('revoking is for admins, with a reason; an unknown credential is a 404', async () => {
    const { id } = await issuedCredential();
    expect((await api('POST', `/admin/credentials/${id}/revoke`, { token: accounts.player.token, body: { reason: 'x' } })).status).toBe(403);
    expectError(await api('POST', `/admin/credentials/${id}/revoke`, { token: accounts.admin.token, body: { reason: '' } }), 422);
    expectError(await api('POST', `/admin/credentials/${id}/revoke`, { token: accounts.admin.token, body: {} }), 422);
    expectError(await api('POST', '/admin/credentials/00000000-0000-4000-8000-000000000000/revoke', { token: accounts.admin.token, body: { reason: 'x' } }), 404);
    expectError(await api('GET', '/status-lists/999999'), 404);
    expectError(await api('GET', '/status-lists/0'), 422);
  });
});

describe('key rotation', () => {
  it('keeps old credentials verifiable while the earlier key stays in the DID document, and only then', async () => {
    const { id } = await issuedCredential();
    const rotated = { CREDENTIAL_SIGNING_KEY: NEXT_SECRET_KEY, CREDENTIAL_PREVIOUS_PUBLIC_KEYS: TEST_PUBLIC_KEY };
    const didDocument = (await apiWithEnv(rotated, '/.well-known/did.json')).json;
    expect(didDocument.verificationMethod.map((m: { publicKeyMultibase: string }) => m.publicKeyMultibase)).toEqual(['z6Mksopzx484Ey8sn4pQih6nmJELPRn1Gss2P58KcuhQWouM', TEST_PUBLIC_KEY]);
    expect(didDocument.assertionMethod).toHaveLength(2);
    expect((await apiWithEnv(rotated, `/credentials/${id}/verification`)).json).toMatchObject({ verified: true, proof: 'valid' });
    const forgotten = await apiWithEnv({ CREDENTIAL_SIGNING_KEY: NEXT_SECRET_KEY }, `/credentials/${id}/verification`);
    expect(forgotten.json).toMatchObject({ verified: false, proof: 'invalid' });
  });

  it('without a signing key, credentials are not set up: 503 with Retry-After, stored credentials still served', async () => {
    const { id } = await issuedCredential();
    const res = await apiWithEnv({ CREDENTIAL_SIGNING_KEY: '' }, '/.well-known/did.json');
    expect(res.status).toBe(503);
    expect(res.json.error.message).toMatch(/CREDENTIAL_SIGNING_KEY/);
    expect(res.headers.get('Retry-After')).toBe('300');
    expect((await apiWithEnv({ CREDENTIAL_SIGNING_KEY: '' }, `/credentials/${id}`)).status).toBe(200);
  });
});
