/**
 * Local setup failures (`npm run dev`, `npm run db:migrate`) as one line that says what to do, instead of
 * a stack trace. Anything not recognised is rethrown and shown in full. README: "Troubleshooting".
 */
import { once } from 'node:events';
import net from 'node:net';

/** A refused port, an unknown role: the setup is wrong, not the code. */
export class SetupError extends Error {
  override name = 'SetupError';
}

interface Where {
  databaseUrl: string;
  redisUrl?: string;
}

const codeOf = (err: unknown) => (err as { code?: string } | null)?.code;
const hostPort = (url: URL, fallback: number) => `${url.hostname}:${url.port || fallback}`;

/** Postgres's and Redis's own failures in words; undefined when the error is none of them. */
export function explainSetupError(err: unknown, { databaseUrl, redisUrl = 'redis://127.0.0.1:6379' }: Where): string | undefined {
  if (err instanceof SetupError) return err.message;
  const db = new URL(databaseUrl);
  const message = err instanceof Error ? err.message : String(err);
  if (/cannot connect to Redis/.test(message)) {
    return `Redis is not reachable at ${hostPort(new URL(redisUrl), 6379)}: start it (\`redis-server --daemonize yes\` or \`docker compose up -d redis\`), or set REDIS_URL.`;
  }
  if (codeOf(err) === 'ECONNREFUSED' || codeOf(err) === 'ENOTFOUND') {
    return `Postgres is not reachable at ${hostPort(db, 5432)}: start it (\`sudo service postgresql start\` or \`docker compose up -d postgres\`), or set DATABASE_URL.`;
  }
  if (codeOf(err) === '28000' && /role .* does not exist/.test(message)) {
    const role = decodeURIComponent(db.username) || 'your login';
    return `Postgres has no role "${role}": create it (\`sudo -u postgres createuser --superuser ${role}\`), or set DATABASE_URL to a user that exists (the default is postgres).`;
  }
  if (codeOf(err) === '28P01') {
    return `Postgres refused the password of "${decodeURIComponent(db.username)}": fix the password in DATABASE_URL.`;
  }
  return undefined;
}

/** Fails with a SetupError when `port` is taken, before a server that would die on it is started. */
export async function ensurePortFree(port: number, host: string, variable: string): Promise<void> {
  const probe = net.createServer();
  try {
    probe.listen(port, host);
    await once(probe, 'listening'); // rejects with the listen error
    await new Promise((resolve) => probe.close(resolve)); // released before the real server takes it
  } catch (err) {
    if (codeOf(err) !== 'EADDRINUSE') throw err;
    throw new SetupError(`Port ${port} is already in use (another \`npm run dev\`?): stop what holds it (\`lsof -i :${port}\`), or set ${variable} to a free port.`);
  }
}

/** Runs a setup script's body; a recognised failure prints its one line and exits 1. */
export async function runSetup<T>(where: Where, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    const line = explainSetupError(err, where);
    if (line === undefined) throw err;
    console.error(`error: ${line}`);
    process.exit(1);
  }
}
