/**
 * `npm run bench`: measures the API on a local stack (wrangler dev + gateway + real Postgres/Redis)
 * and prints a table. Figures, not assertions: nothing here fails on timing.
 */
import { hashPassword, parsePasswordParams } from '../src/auth/password.ts';
import { startDevStack } from '../test/e2e/stack.ts';
import { throwawayDatabase } from '../test/setup/throwaway-databases.ts';

type Row = { what: string; n: number; p50: number; p95: number; max: number; rps?: number };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (x: number) => Math.round(x * 10) / 10;

function summarise(what: string, samples: number[], wallMs?: number): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const row: Row = { what, n: samples.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1) ?? 0) };
  if (wallMs) row.rps = Math.round((samples.length / wallMs) * 1000);
  return row;
}

async function load(what: string, total: number, concurrency: number, once: () => Promise<void>): Promise<Row> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        await once();
        samples.push(performance.now() - t);
      }
    }),
  );
  return summarise(what, samples, performance.now() - started);
}

async function json(res: Response) {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const rows: Row[] = [];
const hashSamples: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await hashPassword('benchmark password', parsePasswordParams('19456,2,1'));
  hashSamples.push(performance.now() - t);
}
rows.push(summarise('password hash, Argon2id 19456/2/1 (Node, one core)', hashSamples));

const database = throwawayDatabase('bench');
// The edge cache off: every GET below reaches the handler, Postgres and Redis (the path of a cache miss
// and of every caller with a token), so the figures compare with earlier runs.
const stack = await startDevStack({
  DATABASE_URL: database.url,
  REDIS_URL: 'redis://127.0.0.1:6379/12',
  EDGE_CACHE_LEADERBOARD_SECONDS: '0',
  EDGE_CACHE_CHALLENGES_SECONDS: '0',
});
const base = stack.baseUrl;
try {
  const get = (path: string) => async () => void (await json(await fetch(`${base}${path}`)));
  rows.push(await load('GET /health', 500, 10, get('/health')));
  rows.push(await load('GET /challenges?limit=20', 300, 10, get('/challenges?limit=20')));

  const players = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const username = `bench_${Date.now().toString(36)}_${i}`;
      await json(await fetch(`${base}/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': `10.0.0.${i}` }, body: JSON.stringify({ username, email: `${username}@bench.test`, password: 'bench-password' }) }));
      const tokens = await json(await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password' }) }));
      return tokens.access_token as string;
    }),
  );
  const challenges = (await json(await fetch(`${base}/challenges?limit=20`))).items as { id: string }[];

  // Submit → award: from the 202 until the attempt shows xp_awarded (queue + transaction + boards).
  const awardSamples: number[] = [];
  await Promise.all(
    players.map(async (token, i) => {
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      for (const challenge of challenges.slice(0, 3)) {
        const attempt = await json(await fetch(`${base}/attempts`, { method: 'POST', headers: auth, body: JSON.stringify({ challenge_id: challenge.id }) }));
        const t = performance.now();
        await json(await fetch(`${base}/attempts/${attempt.id}/submit`, { method: 'POST', headers: auth, body: JSON.stringify({ score: 70 + ((i * 7) % 31) }) }));
        while ((await json(await fetch(`${base}/attempts/${attempt.id}`, { headers: auth }))).xp_awarded === null) {
          await new Promise((r) => setTimeout(r, 25));
        }
        awardSamples.push(performance.now() - t);
      }
    }),
  );
  rows.push(summarise('submit → XP awarded (queue, 30 awards)', awardSamples));
  rows.push(await load('GET /leaderboard?limit=100', 300, 10, get('/leaderboard?limit=100')));
  rows.push(await load('GET /leaderboard?window=week', 300, 10, get('/leaderboard?window=week&limit=10')));
} finally {
  await stack.stop();
  await database.drop();
}

console.log('\nSkillQuest Edge benchmark (local wrangler dev; latencies in ms)\n');
console.log(`| ${'what'.padEnd(48)} | ${'n'.padStart(4)} | ${'p50'.padStart(7)} | ${'p95'.padStart(7)} | ${'max'.padStart(7)} | ${'req/s'.padStart(6)} |`);
console.log(`|${'-'.repeat(50)}|${'-'.repeat(6)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(8)}|`);
for (const r of rows) {
  console.log(`| ${r.what.padEnd(48)} | ${String(r.n).padStart(4)} | ${String(r.p50).padStart(7)} | ${String(r.p95).padStart(7)} | ${String(r.max).padStart(7)} | ${String(r.rps ?? '').padStart(6)} |`);
}
