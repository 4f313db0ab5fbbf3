import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { importJWK, base64url, jwtVerify, decodeProtectedHeader } from 'jose';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { decodePublicKey } from '../../src/credentials/multikey.ts';
import { errorsOf, verifierFor } from './credential-verifier.ts';
import { baseUrl, call, newPlayer } from './live.helpers.ts';

const verifier = verifierFor(baseUrl);
let credentialId: string;
let credential: Record<string, unknown> & { proof: Record<string, unknown> };

/** A player with the seed's "First Steps" badge, awarded by the real queue consumer. */
async function playerWithBadge() {
  const player = await newPlayer('cred');
  const challenges = (await call('GET', '/challenges?limit=100')).json.items as { id: string; title: string }[];
  const attempt = await call('POST', '/attempts', { challenge_id: challenges.find((c) => c.title === 'Two Sum')!.id }, player.token);
  await call('POST', `/attempts/${attempt.json.id}/submit`, { score: 100 }, player.token);
  for (let i = 0; i < 150; i++) {
    if ((await call('GET', `/attempts/${attempt.json.id}`, undefined, player.token)).json.xp_awarded !== null) return player;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the award was never processed');
}

async function adminToken() {
  const admin = await newPlayer('cred_admin');
  const db = new pg.Client({ connectionString: inject('e2eDatabaseUrl') });
  await db.connect();
  await db.query(`update users set role = 'admin' where id = $1`, [admin.id]).finally(() => db.end());
  return (await call('POST', '/auth/login', { username: admin.username, password: admin.password })).json.access_token as string;
}

beforeAll(async () => {
  const player = await playerWithBadge();
  const list = await call('GET', `/users/${player.id}/credentials`, undefined, player.token);
  expect(list.status).toBe(200);
  credentialId = list.json.items[0].id;
  credential = (await call('GET', `/credentials/${credentialId}`)).json;
});

describe('our credentials, verified by Digital Bazaar’s verifier (offline contexts, our DID document from the worker)', () => {
  it('an issued OpenBadgeCredential verifies: proof, issuer key from did:web, status', async () => {
    const result = await verifier.verify(credential);
    expect(result.verified, errorsOf(result)).toBe(true);
    expect(credential.issuer).toMatchObject({ id: verifier.did });
    expect(result.statusResult).toMatchObject({ verified: true });
    expect(verifier.fetched.every((url) => url.startsWith(baseUrl))).toBe(true);
    expect(verifier.fetched).toContain(`${baseUrl}/.well-known/did.json`);
  });

  it('a tampered credential fails: the signature no longer matches', async () => {
    const tampered = structuredClone(credential) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    tampered.credentialSubject.achievement.name = 'Grandmaster';
    const result = await verifier.verify(tampered);
    expect(result.verified).toBe(false);
    expect(errorsOf(result)).toMatch(/Invalid signature/);
  });

  it('a credential signed by another key fails, whether it claims our key or names its own', async () => {
    const { proof: _proof, ...unsigned } = credential;
    const impostor = await Ed25519Multikey.generate({ id: String(credential.proof.verificationMethod), controller: verifier.did });
    const claimingOurKey = await vc.issue({ credential: structuredClone(unsigned), suite: new DataIntegrityProof({ signer: impostor.signer(), cryptosuite }), documentLoader: verifier.documentLoader });
    const claimed = await verifier.verify(claimingOurKey);
    expect(claimed.verified).toBe(false);
    expect(errorsOf(claimed)).toMatch(/Invalid signature/);

    const ownKey = await Ed25519Multikey.generate({ id: `${verifier.did}#z6MkrogueKeyNotInTheDidDocument`, controller: verifier.did });
    const namingItsOwn = await vc.issue({ credential: structuredClone(unsigned), suite: new DataIntegrityProof({ signer: ownKey.signer(), cryptosuite }), documentLoader: verifier.documentLoader });
    const named = await verifier.verify(namingItsOwn);
    expect(named.verified).toBe(false);
    expect(errorsOf(named)).toMatch(/not in the DID document/);
  });

  it('the VC-JWT verifies with jose against the DID document’s key', async () => {
    const jwt = await (await fetch(`${baseUrl}/credentials/${credentialId}`, { headers: { Accept: 'application/vc+jwt' } })).text();
    const { kid } = decodeProtectedHeader(jwt);
    const didDocument = (await (await fetch(`${baseUrl}/.well-known/did.json`)).json()) as { verificationMethod: { id: string; publicKeyMultibase: string }[] };
    const method = didDocument.verificationMethod.find((m: { id: string }) => m.id === kid);
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: base64url.encode(decodePublicKey(method!.publicKeyMultibase)) }, 'EdDSA');
    const { payload } = await jwtVerify(jwt, key, { issuer: verifier.did, typ: 'vc+jwt' });
    const { proof: _proof, ...unsigned } = credential;
    expect(payload).toMatchObject(unsigned);
  });

  it('a revoked credential fails for its status: its bit is set in the published status list', async () => {
    const revoked = await call('POST', `/admin/credentials/${credentialId}/revoke`, { reason: 'Awarded by mistake' }, await adminToken());
    expect(revoked.status).toBe(200);
    const result = await verifier.verify(credential);
    expect(result.verified).toBe(false);
    expect(result.statusResult).toMatchObject({ verified: false, results: [{ verified: true, status: true }] });
    expect(result.statusResult?.error?.message).toMatch(/revoked/);
    // The proof itself is still good: only the status fails.
    expect(result.results).toMatchObject([{ verified: true }]);
  });
});
