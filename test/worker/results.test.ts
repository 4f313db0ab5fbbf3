import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { attempts, playerExternalIds } from '../../src/db/schema';
import { insertApiKey } from './api-key-helpers';
import { createChallenge, deliver } from './award-helpers';
import { api, expectError, openDb, unique } from './helpers';
import { award, playerState } from './pipeline-helpers';

const handle = openDb();
afterAll(() => handle.close());

async function reporter() {
  const { secret } = await insertApiKey(handle, ['results:write', 'players:read']);
  return (path: string, body: unknown, key?: string) =>
    api('POST', path, { headers: { Authorization: `Bearer ${secret}`, ...(key ? { 'Idempotency-Key': key } : {}) }, body });
}

const attemptsOf = async (userId: string) => handle.db.select().from(attempts).where(eq(attempts.userId, userId));

describe('POST /results: a server reports a player’s result with an API key', () => {
  it('creates the player by external_id, records a submitted attempt, and the award pipeline pays it exactly once', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle, { xp: 200 });
    const externalId = unique('ext-');
    const res = await report('/results', { external_id: externalId, username: unique('ada'), challenge_id: challenge.id, score: 90, metadata: { run: 1 } });
    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({ external_id: externalId, player_created: true, challenge_id: challenge.id, status: 'passed', score: 90 });
    expect(res.headers.get('Idempotent-Replayed')).toBeNull();

    await deliver(award(res.json.attempt_id));
    await deliver(award(res.json.attempt_id)); // the queue delivers at least once
    expect(await playerState(handle, res.json.player_id)).toMatchObject({ totalXp: 180, ledgerRows: 1, xpAwardedSum: 180, unawarded: 0 });

    // The same external id names the same player; the best-score rule holds across reports.
    const again = await report('/results', { external_id: externalId, challenge_id: challenge.id, score: 100 });
    expect(again.json).toMatchObject({ player_id: res.json.player_id, player_created: false });
    await deliver(award(again.json.attempt_id));
    expect(await playerState(handle, res.json.player_id)).toMatchObject({ totalXp: 200, ledgerRows: 2 });

    const reader = await insertApiKey(handle, ['players:read']);
    const player = await api('GET', `/players/external/${externalId}`, { headers: { Authorization: `Bearer ${reader.secret}` } });
    expect(player.json).toMatchObject({ id: res.json.player_id, external_id: externalId, total_xp: 200 });
  });

  it('reports for a player by player_id; unknown player or challenge is a 404 and writes nothing', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle);
    const first = await report('/results', { external_id: unique('ext-'), challenge_id: challenge.id, score: 40 });
    expect(first.json.status).toBe('failed');
    const byId = await report('/results', { player_id: first.json.player_id, challenge_id: challenge.id, score: 75 });
    expect(byId.status, byId.text).toBe(202);
    expect(byId.json).toMatchObject({ player_id: first.json.player_id, player_created: false, status: 'passed' });

    expectError(await report('/results', { player_id: '00000000-0000-4000-8000-000000000000', challenge_id: challenge.id, score: 75 }), 404);
    expectError(await report('/results', { player_id: first.json.player_id, challenge_id: '00000000-0000-4000-8000-000000000000', score: 75 }), 404);
    expect(await attemptsOf(first.json.player_id)).toHaveLength(2);
    expectError(await report('/results', { challenge_id: challenge.id, score: 75 }), 422);
    expectError(await report('/results', { player_id: first.json.player_id, external_id: 'x', challenge_id: challenge.id, score: 75 }), 422);
    expectError(await report('/results', { external_id: 'x', challenge_id: challenge.id, score: 75, occurred_at: '2999-01-01T00:00:00Z' }), 422);
  });

  it('the batch form gives each result its own outcome (mixed), in order', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle);
    const unpublished = await createChallenge(handle, { published: false });
    const externalId = unique('ext-');
    const res = await report('/results/batch', {
      results: [
        { external_id: externalId, challenge_id: challenge.id, score: 80 },
        { external_id: externalId, challenge_id: unpublished.id, score: 80 },
        { player_id: '00000000-0000-4000-8000-000000000000', challenge_id: challenge.id, score: 80 },
        { external_id: externalId, challenge_id: challenge.id, score: 30 },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ accepted: 2, rejected: 2 });
    expect(res.json.results.map((r: { index: number; status: string; error?: { code: string } }) => [r.index, r.status, r.error?.code])).toEqual([
      [0, 'accepted', undefined],
      [1, 'rejected', 'not_found'],
      [2, 'rejected', 'not_found'],
      [3, 'accepted', undefined],
    ]);
    expect(res.json.results[0].result.player_created).toBe(true);
    expect(res.json.results[3].result).toMatchObject({ player_created: false, status: 'failed' });
    const playerId = res.json.results[0].result.player_id;
    expect(await attemptsOf(playerId)).toHaveLength(2);

    expectError(await report('/results/batch', { results: [] }), 422);
    const tooMany = Array.from({ length: 101 }, () => ({ external_id: externalId, challenge_id: challenge.id, score: 1 }));
    expectError(await report('/results/batch', { results: tooMany }), 422);
    expect(expectError(await report('/results/batch', { results: [{ external_id: 'x', challenge_id: challenge.id, score: 101 }] }), 422).message).toContain('results.0.score');
  });
});

describe('Idempotency-Key', () => {
  it('a retry returns the first answer and records nothing new; another body under the same key is a 409', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle);
    const body = { external_id: unique('ext-'), challenge_id: challenge.id, score: 95 };
    const key = unique('idem-');
    const first = await report('/results', body, key);
    expect(first.status).toBe(202);
    const retry = await report('/results', body, key);
    expect(retry.status).toBe(202);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await attemptsOf(first.json.player_id)).toHaveLength(1);

    const other = await report('/results', { ...body, score: 96 }, key);
    expect(expectError(other, 409).message).toContain('different request');
    expect(await attemptsOf(first.json.player_id)).toHaveLength(1);

    // Keys are per API key: another key may use the same Idempotency-Key for its own report.
    const otherReporter = await reporter();
    const second = await otherReporter('/results', body, key);
    expect(second.json.attempt_id).not.toBe(first.json.attempt_id);
    expectError(await report('/results', body, 'bad key with spaces'), 422);
  });

  it('holds under concurrent retries of the same report: one attempt, one award', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle, { xp: 100 });
    const body = { external_id: unique('ext-'), challenge_id: challenge.id, score: 100 };
    const key = unique('idem-');
    const answers = await Promise.all(Array.from({ length: 8 }, () => report('/results', body, key)));
    const accepted = answers.filter((a) => a.status === 202);
    // Every answer is the first one (replayed) or a 409 "still being processed" while it ran; never a second report.
    for (const a of answers) expect([202, 409]).toContain(a.status);
    expect(new Set(accepted.map((a) => a.json.attempt_id)).size).toBe(1);
    const [{ attempt_id: attemptId, player_id: playerId }] = accepted.map((a) => a.json);
    const [counted] = (await handle.db.execute(sql`select count(*)::int as n from ${attempts} a join ${playerExternalIds} x on x.user_id = a.user_id where x.external_id = ${body.external_id}`)).rows as { n: number }[];
    expect(counted?.n).toBe(1);
    await deliver(award(attemptId), award(attemptId));
    expect(await playerState(handle, playerId)).toMatchObject({ totalXp: 100, ledgerRows: 1 });
    const late = await report('/results', body, key);
    expect(late.json.attempt_id).toBe(attemptId);
  });

  it('the batch form replays too', async () => {
    const report = await reporter();
    const challenge = await createChallenge(handle);
    const body = { results: [{ external_id: unique('ext-'), challenge_id: challenge.id, score: 80 }] };
    const key = unique('idem-');
    const first = await report('/results/batch', body, key);
    const retry = await report('/results/batch', body, key);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
  });
});
