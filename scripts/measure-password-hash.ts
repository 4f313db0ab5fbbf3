/**
 * How much CPU one password hash costs at a given scrypt setting (default: production's 32768,8,3).
 * Workers bill and limit CPU time, and every login and registration pays this once.
 *
 *   npx tsx scripts/measure-password-hash.ts [N,r,p] [runs]
 */
import { scryptSync } from 'node:crypto';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { hashPassword, parseScryptParams, type ScryptParams } from '../src/domain/password.ts';

const params = parseScryptParams(process.argv[2] ?? '32768,8,3');
const runs = Number(process.argv[3] ?? 5);
const salt = new Uint8Array(16).fill(7);
const maxmem = 128 * params.N * params.r + 1024 * params.r * params.p + 1_048_576;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall and CPU (user + system) milliseconds of `runs` calls, after one warm-up. */
async function measure(name: string, run: () => unknown): Promise<void> {
  await run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(`${name.padEnd(44)} wall ${median(wall).toFixed(1).padStart(7)} ms   cpu ${median(cpu).toFixed(1).padStart(7)} ms`);
}

const { N, r, p }: ScryptParams = params;
console.log(`scrypt N=${N} r=${r} p=${p} (${(128 * N * r) / 2 ** 20} MiB), median of ${runs} runs, Node ${process.version}`);
await measure('hashPassword (noble scryptAsync, what we ship)', () => hashPassword('correct horse battery staple', params));
await measure('noble scrypt (sync)', () => scrypt('correct horse battery staple', salt, { N, r, p, dkLen: 32, maxmem }));
await measure('noble scryptAsync', () => scryptAsync('correct horse battery staple', salt, { N, r, p, dkLen: 32, maxmem }));
await measure('node:crypto scryptSync (reference, native)', () =>
  scryptSync('correct horse battery staple', salt, 32, { N, r, p, maxmem }),
);
