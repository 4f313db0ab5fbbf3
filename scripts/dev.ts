/**
 * `npm run dev`: the whole local stack with one command. Starts the gateway in front of the local
 * Postgres and Redis, applies migrations, seeds demo data, then runs `wrangler dev` on :8787.
 * Ctrl-C stops all of it.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { startGateway } from '../gateway/src/server.ts';
import { rebuildBoards } from '../seed/boards.ts';
import { seed } from '../seed/seed.ts';
import { databaseUrl } from './db-url.ts';
import { appDatabaseUrl, migrateDatabase } from './migrate.ts';
import { ensurePortFree, runSetup } from './setup-errors.ts';

const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 8788);
const APP_PORT = Number(process.env.PORT ?? 8787);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_TOKEN = process.env.UPSTASH_REDIS_REST_TOKEN ?? 'local-dev-token';
// The worker's prefix of every Redis key (wrangler.toml's default); the e2e tests and the bench use their own.
const REDIS_KEY_PREFIX = process.env.REDIS_KEY_PREFIX ?? 'sq';

if (!existsSync('.dev.vars')) {
  copyFileSync('.dev.vars.example', '.dev.vars');
  console.log('dev: created .dev.vars from .dev.vars.example');
} else {
  addMissingDevVars();
}

/** A setting added to .dev.vars.example since .dev.vars was made (e.g. CREDENTIAL_SIGNING_KEY) is appended to it. */
function addMissingDevVars() {
  const names = (text: string) => new Set(text.split('\n').map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1]).filter(Boolean));
  const have = names(readFileSync('.dev.vars', 'utf8'));
  const missing = readFileSync('.dev.vars.example', 'utf8').split('\n').filter((line) => {
    const name = /^([A-Z0-9_]+)=/.exec(line)?.[1];
    return name && !have.has(name);
  });
  if (missing.length === 0) return;
  appendFileSync('.dev.vars', `\n${missing.join('\n')}\n`);
  console.log(`dev: added to .dev.vars from .dev.vars.example: ${missing.map((line) => line.split('=')[0]).join(', ')}`);
}

const url = databaseUrl();
const pgUrl = new URL(url);
const APP_HOST = process.env.APP_HOST ?? '127.0.0.1';
const GATEWAY_HOST = process.env.GATEWAY_HOST ?? '127.0.0.1';

// A refused Postgres or Redis, a missing role or a taken port ends here with one line saying what to do.
const gateway = await runSetup({ databaseUrl: url, redisUrl: REDIS_URL }, async () => {
  await ensurePortFree(APP_PORT, APP_HOST, 'PORT');
  // GATEWAY_URL: use a gateway that already runs (docker compose has its own service); else start one here.
  if (!process.env.GATEWAY_URL) await ensurePortFree(GATEWAY_PORT, GATEWAY_HOST, 'GATEWAY_PORT');
  const started = process.env.GATEWAY_URL
    ? { url: process.env.GATEWAY_URL.replace(/\/$/, ''), close: async () => {} }
    : await startGateway({
        port: GATEWAY_PORT,
        host: GATEWAY_HOST,
        postgres: { host: pgUrl.hostname, port: Number(pgUrl.port || 5432) },
        redisUrl: REDIS_URL,
        token: REDIS_TOKEN,
        rttMs: Number(process.env.GATEWAY_RTT_MS ?? 0), // simulated WAN latency, see gateway/README.md
      });
  console.log(`dev: gateway at ${started.url} (Neon WebSocket at /v2, Upstash REST at /)`);
  try {
    await migrateDatabase(url);
    console.log('dev: migrations applied');
    const seeded = await seed(url);
    console.log('dev: seed', JSON.stringify(seeded));
    if (seeded.attempts > 0) {
      // The demo players just got a history: rank them on boards this Redis may already hold.
      await rebuildBoards(url, { restUrl: started.url, restToken: REDIS_TOKEN, prefix: REDIS_KEY_PREFIX });
      console.log('dev: leaderboards rebuilt from Postgres');
    }
  } catch (err) {
    await started.close();
    throw err;
  }
  return started;
});
const gatewayHostPort = gateway.url.replace(/^https?:\/\//, '');

// Worker vars that may be overridden from the environment (the e2e tests and the bench use their own
// Redis key prefix and looser limits, so runs don't share boards or rate-limit buckets).
const OVERRIDABLE = [
  'REGISTRATIONS_PER_HOUR',
  'LOGINS_PER_MINUTE',
  'LOGINS_PER_IP_PER_MINUTE',
  'SUBMISSIONS_PER_MINUTE',
  'STARTS_PER_MINUTE',
  'PASSWORD_HASH_PARAMS',
  'EDGE_CACHE_LEADERBOARD_SECONDS',
  'EDGE_CACHE_CHALLENGES_SECONDS',
  'CORS_ORIGINS',
  'LIVE_MAX_SOCKETS_PER_CLIENT',
  'HTTP_METRICS_ENABLED',
  'WEBHOOK_RETRY_SCHEDULE_SECONDS',
  'SELF_REPORTED_SCORES',
  'AWARD_RESEND_AFTER_SECONDS',
];
const overrides = OVERRIDABLE.flatMap((name) => (process.env[name] ? [[name, process.env[name]!] as const] : []));

// The worker reaches everything through the gateway; these override .dev.vars so the ports agree. It logs
// in as the app's role (no superuser), and shows the gateway its token on the Neon WebSocket too.
const vars: Record<string, string> = {
  DATABASE_URL: appDatabaseUrl(url),
  NEON_WS_PROXY: `${gatewayHostPort}/v2?token=${encodeURIComponent(REDIS_TOKEN)}`,
  UPSTASH_REDIS_REST_URL: gateway.url,
  UPSTASH_REDIS_REST_TOKEN: REDIS_TOKEN,
  REDIS_KEY_PREFIX,
  ...Object.fromEntries(overrides),
};

/** The running worker: `wrangler dev`, or (WRANGLER_INSPECTOR=off) the same dev server started without its DevTools inspector. */
interface DevWorker {
  stop(): Promise<void>;
  onExit(listener: (code: number) => void): void;
}

function startWranglerDev(): DevWorker {
  const wrangler = spawn(
    'wrangler',
    [
      'dev',
      '--port', String(APP_PORT),
      '--ip', APP_HOST,
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      '--show-interactive-dev-session=false',
      // Separate state dirs and inspector ports let a test stack run beside a developer's own.
      ...(process.env.WRANGLER_PERSIST_TO ? ['--persist-to', process.env.WRANGLER_PERSIST_TO] : []),
      ...(process.env.INSPECTOR_PORT ? ['--inspector-port', process.env.INSPECTOR_PORT] : []),
    ],
    { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  return { stop: async () => void wrangler.kill('SIGINT'), onExit: (listener) => wrangler.on('exit', (code) => listener(code ?? 0)) };
}

/**
 * `wrangler dev` always attaches its DevTools inspector to the worker, which then serialises every
 * console line over the inspector protocol on the worker's only thread: at a few hundred requests a
 * second that, not the worker, is the bottleneck. A deployed Worker has no inspector attached, so the
 * benchmark runs the same dev server (wrangler's own API) without it.
 */
async function startWithoutInspector(): Promise<DevWorker> {
  const { unstable_startWorker } = await import('wrangler');
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }])),
    dev: {
      server: { hostname: APP_HOST, port: APP_PORT },
      inspector: false,
      watch: false,
      ...(process.env.WRANGLER_PERSIST_TO ? { persist: process.env.WRANGLER_PERSIST_TO } : {}),
    },
  });
  await worker.ready;
  return { stop: () => worker.dispose(), onExit: () => {} };
}

const worker = process.env.WRANGLER_INSPECTOR === 'off' ? await startWithoutInspector() : startWranglerDev();

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await worker.stop().catch(() => {});
  await gateway.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
worker.onExit((code) => void stop(code));
