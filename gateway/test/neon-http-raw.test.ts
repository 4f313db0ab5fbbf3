import net from 'node:net';
import { neon, neonConfig } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { startTestGateway } from './helpers.ts';

const CONNECTION_STRING = 'postgresql://postgres@localhost/postgres';
const NEON_HEADERS = { 'neon-connection-string': CONNECTION_STRING, 'neon-raw-text-output': 'true', 'neon-array-mode': 'true' };
let gateway: Gateway;
const roundTrips: number[] = [];

beforeAll(async () => {
  gateway = await startTestGateway({ onPgHttpQuery: (statements) => roundTrips.push(statements) });
  neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
});

afterAll(async () => {
  await gateway?.close();
});

async function post(headers: Record<string, string>, body: unknown = { query: 'select 1 as one', params: [] }) {
  const res = await fetch(`${gateway.url}/sql`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Neon HTTP query protocol (raw HTTP)', () => {
  it("answers in Neon's response shape and counts one round trip per request", async () => {
    const before = roundTrips.length;
    const { status, body } = await post(NEON_HEADERS);
    expect(status).toBe(200);
    expect(body).toEqual({
      rowAsArray: true,
      fields: [{ name: 'one', dataTypeID: 23, tableID: 0, columnID: 0, dataTypeSize: 4, dataTypeModifier: -1, format: 'text' }],
      rows: [['1']],
      command: 'SELECT',
      rowCount: 1,
    });
    expect(roundTrips.slice(before)).toEqual([1]);
  });

  it('refuses bad requests with 4xx {message} before reaching Postgres', async () => {
    const before = roundTrips.length;
    const { 'neon-connection-string': _, ...noConnectionString } = NEON_HEADERS;
    expect(await post(noConnectionString)).toEqual({ status: 400, body: { message: 'missing Neon-Connection-String header' } });
    expect((await post({ ...NEON_HEADERS, 'neon-raw-text-output': 'false' })).status).toBe(400);
    expect(await post({ ...NEON_HEADERS, 'neon-batch-isolation-level': 'Chaos' })).toEqual({ status: 400, body: { message: 'invalid isolation level' } });
    expect((await post(NEON_HEADERS, '{"query":')).status).toBe(400);
    expect((await post(NEON_HEADERS, { query: 'select 1', params: 'x' })).status).toBe(400);
    expect((await post({ ...NEON_HEADERS, origin: 'http://evil.example' })).status).toBe(403); // no web page may reach it
    expect((await fetch(`${gateway.url}/sql`, { headers: NEON_HEADERS })).status).toBe(405);
    expect(roundTrips.slice(before)).toEqual([]);
  });

  it('reports a missing database with its SQLSTATE', async () => {
    const sql = neon('postgresql://postgres@localhost/skillquest_no_such_database');
    await expect(sql`select 1`).rejects.toMatchObject({ name: 'NeonDbError', code: '3D000' });
  });

  it('refuses results over 10 MB with 507, as Neon does', async () => {
    const sql = neon(CONNECTION_STRING);
    await expect(sql`select repeat('x', 11 * 1024 * 1024) as big`).rejects.toThrow(/HTTP status 507/);
  });

  it('surfaces an unreachable Postgres as a server error the driver raises', async () => {
    const orphan = await startTestGateway({ postgres: { host: '127.0.0.1', port: await closedPort() } });
    try {
      const sql = neon(CONNECTION_STRING);
      neonConfig.fetchEndpoint = () => `${orphan.url}/sql`;
      await expect(sql`select 1`).rejects.toThrow(/HTTP status 500.*ECONNREFUSED/);
    } finally {
      neonConfig.fetchEndpoint = () => `${gateway.url}/sql`;
      await orphan.close();
    }
  });
});
