import { Client } from '@neondatabase/serverless';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { fetchStats, PG_URL, startTestGateway, TOKEN, useGatewayForNeon } from './helpers.ts';

// The Neon WebSocket endpoint hands out Postgres sessions (trust auth locally). A web page can open a
// WebSocket to 127.0.0.1 with any Origin, so: no Origin at all (the driver sends none), and the token.
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startTestGateway();
  useGatewayForNeon(gateway);
});
afterAll(() => gateway?.close());

/** The HTTP status the upgrade is answered with (101 when the WebSocket opens). */
function upgradeStatus(query: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${gateway.port}/v2${query}`, { headers });
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('error', reject);
  });
}

describe('Neon WebSocket endpoint: who may open a session', () => {
  it('refuses an upgrade that carries an Origin header with 403, even with the right token', async () => {
    expect(await upgradeStatus(`?token=${TOKEN}`, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(`?token=${TOKEN}`, { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(`?token=${TOKEN}`, { Origin: `http://127.0.0.1:${gateway.port}` })).toBe(403);
  });

  it('refuses an upgrade without the gateway token, or with a wrong one, with 401', async () => {
    expect(await upgradeStatus('')).toBe(401);
    expect(await upgradeStatus('?token=')).toBe(401);
    expect(await upgradeStatus(`?token=${TOKEN}x`)).toBe(401);
    expect(await upgradeStatus(`?address=localhost:5432&token=wrong`)).toBe(401);
  });

  it('a refused upgrade never reaches Postgres', async () => {
    await fetchStats(gateway, '/__stats/reset', 'POST');
    await upgradeStatus('', { Origin: 'https://evil.example' });
    await upgradeStatus('?token=nope');
    expect((await fetchStats(gateway)).total.pg_connections).toBe(0);
  });

  it('lets the driver in with the token its wsProxy URL carries (the function form is used verbatim)', async () => {
    expect(await upgradeStatus(`?token=${TOKEN}`)).toBe(101);
    const client = new Client(PG_URL);
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});
