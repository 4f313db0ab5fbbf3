import { Client, Pool } from '@neondatabase/serverless';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { PG_URL, startTestGateway, TOKEN, useGatewayForNeon } from './helpers.ts';

let gateway: Gateway;
let pool: Pool;

beforeAll(async () => {
  gateway = await startTestGateway();
  useGatewayForNeon(gateway);
  pool = new Pool({ connectionString: PG_URL, max: 4 });
});

afterAll(async () => {
  await pool?.end();
  await gateway?.close();
});

describe('Neon WebSocket proxy', () => {
  it('runs a simple query', async () => {
    const { rows } = await pool.query('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('runs a parameterized query', async () => {
    const { rows } = await pool.query('select $1::int + $2::int as sum, $3::text as text', [2, 3, 'héllo ✓']);
    expect(rows).toEqual([{ sum: 5, text: 'héllo ✓' }]);
  });

  it('commits and rolls back transactions', async () => {
    const client = await pool.connect();
    try {
      await client.query('create temp table gateway_tx (id int)');
      await client.query('begin');
      await client.query('insert into gateway_tx values (1)');
      await client.query('commit');
      await client.query('begin');
      await client.query('insert into gateway_tx values (2)');
      expect((await client.query('select count(*)::int as n from gateway_tx')).rows[0].n).toBe(2);
      await client.query('rollback');
      const { rows } = await client.query('select id from gateway_tx order by id');
      expect(rows).toEqual([{ id: 1 }]);
    } finally {
      client.release();
    }
  });

  it('serves several concurrent connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => pool.query('select pg_backend_pid() as pid, $1::int as i, pg_sleep(0.05)', [i])),
    );
    expect(results.map((r) => r.rows[0].i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(results.map((r) => r.rows[0].pid)).size).toBeGreaterThan(1);
  });

  it('returns Postgres errors without breaking the connection or the gateway', async () => {
    await expect(pool.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    const client = await pool.connect();
    try {
      await expect(client.query('select * from gateway_no_such_table')).rejects.toMatchObject({ code: '42P01' });
      expect((await client.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
    } finally {
      client.release();
    }
  });

  it('streams a large result through the pipe', async () => {
    const { rows } = await pool.query("select repeat('x', 1000) as s from generate_series(1, 5000)");
    expect(rows).toHaveLength(5000);
    expect(rows[4999].s).toHaveLength(1000);
  });

  it("works with Node's built-in WebSocket, the kind workerd and browsers provide", async () => {
    const client = new Client(PG_URL);
    client.neonConfig.webSocketConstructor = globalThis.WebSocket;
    await client.connect();
    expect((await client.query('select $1::text as v', ['undici'])).rows).toEqual([{ v: 'undici' }]);
    await client.end();
  });

  it('ignores the address parameter and always dials the configured Postgres', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${gateway.port}/v2?address=example.invalid:25&token=${TOKEN}`);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('message', (data) => resolve(data as Buffer));
      // SSLRequest: length 8, code 80877103. Postgres (and only Postgres) answers 'N' here.
      socket.on('open', () => socket.send(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    });
    socket.close();
    expect(reply.toString()).toBe('N');
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${gateway.port}/v1`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
