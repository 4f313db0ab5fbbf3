import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, neonConfig } from '@neondatabase/serverless';
import ws from 'ws';
import { describe, expect, it } from 'vitest';
import { PG_URL, startTestGateway, TOKEN } from './helpers.ts';

describe('gateway lifecycle', () => {
  it('binds port 0 to a real port and close() tears down open connections', async () => {
    const gateway = await startTestGateway();
    expect(gateway.port).toBeGreaterThan(0);
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);

    neonConfig.webSocketConstructor = ws;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    const client = new Client(PG_URL);
    client.neonConfig.wsProxy = () => `127.0.0.1:${gateway.port}/v2?token=${TOKEN}`;
    client.on('error', () => {}); // the gateway going away mid-session is the point of this test
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    const ping = await fetch(gateway.url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '["PING"]' });
    expect(await ping.json()).toEqual({ result: 'PONG' }); // leaves a keep-alive socket open

    const ended = new Promise<void>((resolve) => client.on('end', () => resolve())); // events.once would reject on 'error'
    // Hanging on the keep-alive socket or the open Postgres session would run into the test's timeout.
    await gateway.close();
    await ended;
    await gateway.close(); // idempotent
  });

  it('survives a request target no URL parser accepts, on plain and upgrade requests', async () => {
    const gateway = await startTestGateway();
    try {
      for (const extra of ['', 'Connection: Upgrade\r\nUpgrade: websocket\r\n']) {
        const socket = net.connect(gateway.port, '127.0.0.1');
        socket.write(`POST http://[::1/sql HTTP/1.1\r\nHost: x\r\n${extra}Content-Length: 0\r\n\r\n`);
        const [reply] = (await once(socket, 'data')) as [Buffer];
        socket.destroy();
        expect(reply.toString()).toMatch(/^HTTP\/1\.1 4\d\d/);
      }
      const ping = await fetch(gateway.url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '["PING"]' });
      expect(await ping.json()).toEqual({ result: 'PONG' });
    } finally {
      await gateway.close();
    }
  });

  /** The gateway's CLI as `npm run gateway` starts it, on a free port; its stdout read line by line. */
  function startCli(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, GATEWAY_PORT: '0', REDIS_URL: 'redis://127.0.0.1:6379/15', ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const nextLog = async () => JSON.parse(((await once(lines, 'line')) as [string])[0]);
    return { child, nextLog };
  }

  it('runs as a CLI, logs one JSON line and exits cleanly on SIGTERM', async () => {
    const { child, nextLog } = startCli({ UPSTASH_REDIS_REST_TOKEN: 'cli-token' });
    const log = await nextLog();
    expect(log).toMatchObject({ level: 'info', msg: 'gateway listening' });
    const res = await fetch(log.upstashUrl, { method: 'POST', headers: { authorization: 'Bearer cli-token' }, body: '["PING"]' });
    expect(await res.json()).toEqual({ result: 'PONG' });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('with GATEWAY_EXIT_WITH_STDIN=1, stops when its stdin closes (the process that spawned it died)', async () => {
    const { child, nextLog } = startCli({ GATEWAY_EXIT_WITH_STDIN: '1' });
    expect(await nextLog()).toMatchObject({ msg: 'gateway listening' });
    const stopping = nextLog();
    child.stdin!.end();
    expect(await stopping).toMatchObject({ msg: 'gateway stopping', signal: 'stdin closed' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
