/**
 * CPU time of one password hash inside workerd, at a given Argon2id cost (default: production's 19456,2,1).
 * Workers bill and limit CPU time, and every login and registration pays one hash.
 *
 *   npx tsx scripts/measure-password-hash.ts [m,t,p] [runs]
 *
 * Starts `wrangler dev` on a worker that only hashes (scripts/measure-password-hash/), sends one request
 * at a time and reads the CPU time of wrangler's workerd processes (Linux schedstat, every thread) around
 * each; a request that doesn't hash gives the baseline. Prints medians after one warm-up request each. Linux only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashPassword, parsePasswordParams } from '../src/auth/password.ts';
import { freePort } from '../test/e2e/stack.ts';

const cost = process.argv[2] ?? '19456,2,1';
const runs = Number(process.argv[3] ?? 15);
parsePasswordParams(cost); // fail here, not in the worker

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

/** The workerd processes under wrangler (its entry proxy and the one running the worker). */
function findWorkerds(root: number): number[] {
  return childrenOf(root).flatMap((pid) =>
    readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('workerd') ? [pid] : findWorkerds(pid),
  );
}

/** Nanoseconds on CPU of every thread of the given processes. */
function cpuNs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
  }
  return sum;
}

const port = await freePort();
const wrangler = spawn(
  'wrangler',
  ['dev', '--config', 'scripts/measure-password-hash/wrangler.toml', '--port', String(port), '--ip', '127.0.0.1',
    '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false',
    '--persist-to', mkdtempSync(path.join(tmpdir(), 'sq-measure-'))],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, detached: true },
);
const stop = () => wrangler.pid && process.kill(-wrangler.pid, 'SIGINT');
process.once('exit', stop);

const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 60_000;
while (!(await fetch(base).then((r) => r.ok, () => false))) {
  if (Date.now() > deadline || wrangler.exitCode !== null) throw new Error('wrangler dev did not start');
  await new Promise((r) => setTimeout(r, 300));
}
const workerd = findWorkerds(wrangler.pid!);
if (workerd.length === 0) throw new Error('no workerd process under wrangler');

/** Median CPU ms workerd spends on one request to `path`, after one warm-up (reported apart). */
async function measure(path: string): Promise<{ first: number; median: number }> {
  const samples: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const before = cpuNs(workerd);
    const res = await fetch(`${base}${path}?params=${cost}`);
    await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    samples.push((cpuNs(workerd) - before) / 1e6);
  }
  return { first: samples[0]!, median: median(samples.slice(1)) };
}

const [m, t, p] = cost.split(',');
console.log(`Argon2id m=${m} KiB, t=${t}, p=${p}; workerd CPU ms per request, median of ${runs} (first request apart)`);
const baseline = await measure('/');
for (const [path, what] of [
  ['/hash', 'registration: hashPassword (WASM, what we ship)'], // its first request instantiates the WASM
  ['/verify', 'login: verifyPassword (WASM, what we ship)'],
  ['/scrypt', 'login with an old scrypt 2^15/8/3 hash'],
  ['/noble', '@noble/hashes argon2idAsync (pure JS)'],
] as const) {
  const { first, median: cpu } = await measure(path);
  console.log(`${what.padEnd(48)} ${cpu.toFixed(1).padStart(7)} ms   (first ${first.toFixed(1)} ms)`);
}
console.log(`${'no hashing (baseline request)'.padEnd(48)} ${baseline.median.toFixed(1).padStart(7)} ms`);

await hashPassword('warm-up', parsePasswordParams(cost));
const node: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const start = process.cpuUsage();
  await hashPassword('correct horse battery staple', parsePasswordParams(cost));
  const used = process.cpuUsage(start);
  node.push((used.user + used.system) / 1000);
}
console.log(`${`hashPassword in Node ${process.version}`.padEnd(48)} ${median(node).toFixed(1).padStart(7)} ms`);
stop();
process.exit(0);
