import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './stack.ts';

/** Runs a setup script with `env`; answers its exit code and what it printed. */
async function run(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr: stderr.trim() };
}

/** A port nothing listens on: taken and released at once. */
const closedPort = freePort;

const expectOneLine = (stderr: string) => {
  expect(stderr.split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
};

describe('local setup failures print one line that says what to do', () => {
  it('migrate: Postgres refuses the connection', async () => {
    const port = await closedPort();
    const result = await run('scripts/migrate.ts', { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/skillquest` });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: Postgres is not reachable at 127.0.0.1:${port}: start it (\`sudo service postgresql start\` or \`docker compose up -d postgres\`), or set DATABASE_URL.`,
    );
    expectOneLine(result.stderr);
  });

  it('migrate: a role that does not exist', async () => {
    const result = await run('scripts/migrate.ts', { DATABASE_URL: 'postgresql://no_such_role_here@127.0.0.1:5432/skillquest' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: Postgres has no role "no_such_role_here": create it \(`sudo -u postgres createuser --superuser no_such_role_here`\)/);
    expectOneLine(result.stderr);
  });

  it('dev: the app port is in use', async () => {
    const holder = net.createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as net.AddressInfo;
    try {
      const result = await run('scripts/dev.ts', { PORT: String(port), GATEWAY_PORT: String(await freePort()) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error: Port ${port} is already in use .*set PORT to a free port\\.$`));
      expectOneLine(result.stderr);
    } finally {
      holder.close();
    }
  });

  it('dev: the gateway port is in use', async () => {
    const holder = net.createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as net.AddressInfo;
    try {
      const result = await run('scripts/dev.ts', { PORT: String(await freePort()), GATEWAY_PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^error: Port ${port} is already in use .*set GATEWAY_PORT to a free port\\.$`));
    } finally {
      holder.close();
    }
  });

  it('dev: Redis refuses the connection', async () => {
    const port = await closedPort();
    const result = await run('scripts/dev.ts', { PORT: String(await freePort()), GATEWAY_PORT: String(await freePort()), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    // The gateway's own log line about the refused connection goes first; ours is the last line.
    expect(result.stderr.split('\n').at(-1)).toBe(
      `error: Redis is not reachable at 127.0.0.1:${port}: start it (\`redis-server --daemonize yes\` or \`docker compose up -d redis\`), or set REDIS_URL.`,
    );
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });
});
