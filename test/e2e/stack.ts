import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

export interface Stack {
  baseUrl: string;
  /** The local gateway (Neon WebSocket proxy + Upstash REST) the worker talks to. */
  gatewayUrl: string;
  /** Everything the stack printed so far (wrangler, the worker's JSON lines, the gateway). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npm run dev`'s script (gateway, migrations, seed, wrangler dev) on free ports. */
export async function startDevStack(env: { DATABASE_URL: string; REDIS_URL: string; [name: string]: string }): Promise<Stack> {
  const [appPort, gatewayPort, inspectorPort] = [await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    env: {
      ...process.env,
      PORT: String(appPort),
      GATEWAY_PORT: String(gatewayPort),
      INSPECTOR_PORT: String(inspectorPort),
      WRANGLER_PERSIST_TO: mkdtempSync(path.join(tmpdir(), 'sq-e2e-')),
      // Cheap hashes and a key prefix of this run's own: boards and rate-limit buckets start empty.
      PASSWORD_HASH_PARAMS: '1024,1,1',
      REDIS_KEY_PREFIX: `sqe2e:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      REGISTRATIONS_PER_HOUR: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() takes wrangler and workerd down too
  });
  // If this process dies without stop() (a crash, a killed pipe), take the stack down with it.
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  let output = '';
  // STACK_LOG=<file>: keep the stack's whole output (wrangler, the worker's JSON lines, the gateway) for a post-mortem.
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (process.env.STACK_LOG) appendFileSync(process.env.STACK_LOG, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${appPort}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dev stack exited early:\n${output}`);
    const ok = await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) throw new Error(`dev stack not ready in 120 s:\n${output}`);
  return {
    baseUrl,
    // dev.ts uses a gateway that already runs when GATEWAY_URL is given (a fault test's own).
    gatewayUrl: env.GATEWAY_URL?.replace(/\/$/, '') ?? `http://127.0.0.1:${gatewayPort}`,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      process.off('exit', killGroup);
    },
  };
}
