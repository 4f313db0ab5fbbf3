import { describe, expect, it } from 'vitest';
import { insertApiKey } from './api-key-helpers';
import { createChallenge } from './award-helpers';
import { apiWithEnv } from './env-helpers';
import { api, errorOf, useAdminAndPlayer } from './helpers';

const accounts = useAdminAndPlayer();
const OFF: Partial<Env> = { SELF_REPORTED_SCORES: 'off' };
const json = (token: string, body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

describe('SELF_REPORTED_SCORES=off', () => {
  it('players still start attempts and read them, but a submit is a 403 in the error shape and changes nothing', async () => {
    const { player, handle } = accounts;
    const challenge = await createChallenge(handle);
    const started = await apiWithEnv(OFF, '/attempts', json(player.token, { challenge_id: challenge.id }));
    expect(started.status, started.text).toBe(201);

    const submitted = await apiWithEnv(OFF, `/attempts/${started.json.id}/submit`, json(player.token, { score: 100 }));
    expect(submitted.status).toBe(403);
    expect(errorOf(submitted)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('POST /results') });

    const read = await api('GET', `/attempts/${started.json.id}`, { token: player.token });
    expect(read.json).toMatchObject({ status: 'started', score: null });
  });

  it('an API key still puts a score on the ledger', async () => {
    const challenge = await createChallenge(accounts.handle);
    const { secret } = await insertApiKey(accounts.handle, ['results:write']);
    const res = await apiWithEnv(OFF, '/results', json(secret, { player_id: accounts.player.id, challenge_id: challenge.id, score: 90 }));
    expect(res.status, res.text).toBe(202);
  });

  it('on (the local default), the demo flow submits as before', async () => {
    const challenge = await createChallenge(accounts.handle);
    const started = await api('POST', '/attempts', { token: accounts.player.token, body: { challenge_id: challenge.id } });
    const submitted = await api('POST', `/attempts/${started.json.id}/submit`, { token: accounts.player.token, body: { score: 90 } });
    expect(submitted.status).toBe(202);
  });
});
