import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Client } from '@neondatabase/serverless';
import { Redis } from '@upstash/redis';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src/server.ts';
import { PG_URL, startTestGateway, TOKEN, useGatewayForNeon } from './helpers.ts';
import { firstColumn, message, splitBackend, startupMessage } from './pg-wire.ts';

// Only lower bounds are asserted: the gateway guarantees them, while upper bounds would depend on
// how busy the machine is.
const RTT = 100;
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startTestGateway({ rttMs: RTT });
  useGatewayForNeon(gateway);
});

afterAll(async () => {
  await gateway?.close();
});

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function ping(agent: http.Agent | false): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = '["PING"]';
    const req = http.request(`${gateway.url}/`, { method: 'POST', agent, headers: { authorization: `Bearer ${TOKEN}` } });
    req.on('response', (res) => res.setEncoding('utf8').on('data', resolve)).on('error', reject).end(body);
  });
}

describe(`with rttMs = ${RTT}`, () => {
  it('an Upstash request costs 3 RTT on a new socket (TCP + TLS + request), 1 RTT on a kept-alive one', async () => {
    expect(await elapsed(() => ping(false))).toBeGreaterThanOrEqual(3 * RTT);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    await ping(agent);
    expect(await elapsed(() => ping(agent))).toBeGreaterThanOrEqual(RTT);
    agent.destroy();
  });

  it('a single @upstash/redis command takes at least one RTT', async () => {
    const redis = new Redis({ url: gateway.url, token: TOKEN, enableTelemetry: false });
    expect(await elapsed(async () => expect(await redis.ping()).toBe('PONG'))).toBeGreaterThanOrEqual(RTT);
  });

  it('a Neon connection costs 3 RTT before the WebSocket opens, 1 more for the Postgres startup', async () => {
    const client = new Client(PG_URL);
    expect(await elapsed(() => client.connect())).toBeGreaterThanOrEqual(4 * RTT);
    expect(await elapsed(() => client.query('select 1'))).toBeGreaterThanOrEqual(RTT);
    await client.end();
  });

  it('keeps the order of messages sent one WebSocket frame each (coalesceWrites off)', async () => {
    const client = new Client(PG_URL);
    client.neonConfig.coalesceWrites = false; // Parse, Bind, Describe, Execute, Sync: five frames in flight
    await client.connect();
    const results = await Promise.all([1, 2, 3].map((i) => client.query('select $1::int * 10 as v', [i])));
    expect(results.map((r) => r.rows[0].v)).toEqual([10, 20, 30]);
    await client.end();
  });

  it('delivers queries pipelined behind the startup message in order', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${gateway.port}/v2?token=${TOKEN}`);
    const opening = elapsed(() => new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject)));
    expect(await opening).toBeGreaterThanOrEqual(3 * RTT);
    let stream: Buffer = Buffer.alloc(0);
    const values: string[] = [];
    const done = new Promise<void>((resolve) => {
      let ready = 0;
      socket.on('message', (data: Buffer) => {
        const { messages, rest } = splitBackend(Buffer.concat([stream, data]));
        stream = rest;
        for (const m of messages) {
          if (m.type === 'D') values.push(firstColumn(m.body));
          if (m.type === 'Z' && ++ready === 4) resolve(); // startup + three queries
        }
      });
    });
    const took = elapsed(() => done);
    socket.send(startupMessage({ user: 'postgres', database: 'postgres' }));
    for (const n of [1, 2, 3]) socket.send(message('Q', `select ${n}`));
    expect(await took).toBeGreaterThanOrEqual(RTT);
    expect(values).toEqual(['1', '2', '3']);
    socket.close();
  });
});
