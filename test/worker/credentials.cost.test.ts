import { describe, expect, it } from 'vitest';
import { issuerFor } from '../../src/credentials/issuer';
import { openBadgeCredential } from '../../src/credentials/open-badge';
import { asVcJwt, withDataIntegrityProof } from '../../src/credentials/sign';
import { statusListCredential } from '../../src/credentials/status-list';
import { BASE, config } from './helpers';

/**
 * What signing costs inside workerd (README "Badges as verifiable credentials"): one credential is what
 * issuing does per badge, a Data Integrity proof and a VC-JWT. Locally workerd's clock advances during
 * computation, so elapsed time is CPU time here; the bound is loose, the figure is logged.
 */
describe('signing cost in workerd', () => {
  it('a credential (eddsa-rdfc-2022 proof + VC-JWT) takes a few ms of CPU once warm', async () => {
    const issuer = await issuerFor(config, BASE);
    const badge = { id: '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', name: 'First Steps', description: '', condition: { type: 'attempt_count', count: 1 }, iconUrl: '/icons/first.svg' };
    const sign = async (i: number) => {
      const unsigned = await openBadgeCredential(issuer, { id: crypto.randomUUID(), badge, awardedAt: new Date(), recipient: { email: `p${i}@example.test` }, salt: 'ab', statusList: 1, statusIndex: i });
      await withDataIntegrityProof(unsigned, issuer);
      await asVcJwt(unsigned, issuer);
    };
    let started = performance.now();
    await sign(0);
    const firstMs = performance.now() - started;
    const runs = 50;
    started = performance.now();
    for (let i = 1; i <= runs; i++) await sign(i);
    const warmMs = (performance.now() - started) / runs;
    started = performance.now();
    await statusListCredential(issuer, 1, [1, 2, 3]);
    const statusListMs = performance.now() - started;
    console.log(JSON.stringify({ credential_first_ms: Math.round(firstMs), credential_warm_ms: Number(warmMs.toFixed(2)), status_list_ms: Math.round(statusListMs) }));
    expect(warmMs).toBeGreaterThan(0);
    expect(warmMs).toBeLessThan(50);
  });
});
