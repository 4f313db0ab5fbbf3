/**
 * Applies each mutation of workerd-mutations.ts alone, runs its test files, restores the file, and
 * reports killed / survived to reports/mutation/workerd.{json,md}.
 *
 *   tsx scripts/mutation/run-workerd.ts               every mutation
 *   tsx scripts/mutation/run-workerd.ts --only a,b    some of them (the report then covers only those)
 *   tsx scripts/mutation/run-workerd.ts --check       only checks that every `from` still occurs exactly once
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mutations, type Mutation } from './workerd-mutations.ts';

const REPORT_DIR = 'reports/mutation';
/** A run this long has hung: the mutant is counted as killed (a timeout), as Stryker counts it. */
const RUN_TIMEOUT_MS = 5 * 60_000;

export interface MutantResult {
  id: string;
  file: string;
  breaks: string;
  status: 'killed' | 'survived' | 'timeout';
  /** The first failing test and its message (killed), or why it is expected to live (survived). */
  detail: string;
  seconds: number;
  tests: string[];
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

function check(list: Mutation[]): void {
  const stale = list.filter((m) => occurrences(readFileSync(m.file, 'utf8'), m.from) !== 1);
  if (stale.length > 0) throw new Error(`mutations whose text is not found exactly once: ${stale.map((m) => `${m.id} (${m.file})`).join(', ')}`);
}

/** Runs vitest on some files of one project; resolves with the exit code (null: killed on timeout) and the output. */
function vitest(project: string, files: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('vitest', ['run', '--project', project, '--bail=1', ...files], {
      env: { ...process.env, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a hung run is stopped with everything it started
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGTERM'), RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? null : code, output });
    });
  });
}

/** "test name — first error line" of vitest's failure report. */
function firstFailure(output: string): string {
  const lines = output.split('\n');
  const fail = lines.findIndex((line) => /^\s*FAIL\s/.test(line));
  if (fail < 0) return lines.find((line) => /Error/.test(line))?.trim() ?? 'failed (no failure report)';
  const name = lines[fail]!.replace(/^\s*FAIL\s+/, '').replace(/^\|\w+\|\s*/, '').trim();
  const error = lines.slice(fail + 1).find((line) => /^\s*(\w*Error|Error)\b.*:/.test(line) || /^\s*AssertionError/.test(line));
  return `${name} — ${error?.trim() ?? 'failed'}`;
}

async function runOne(m: Mutation): Promise<MutantResult> {
  const original = readFileSync(m.file, 'utf8');
  const started = Date.now();
  const byProject = new Map<string, string[]>();
  for (const file of m.tests) {
    const project = file.startsWith('test/unit/') ? 'unit' : 'worker';
    byProject.set(project, [...(byProject.get(project) ?? []), file]);
  }
  writeFileSync(m.file, original.replace(m.from, m.to));
  try {
    for (const [project, files] of byProject) {
      const { code, output } = await vitest(project, files);
      if (code === null) return result(m, 'timeout', `no answer in ${RUN_TIMEOUT_MS / 1000} s`, started);
      if (code !== 0) return result(m, 'killed', firstFailure(output), started);
    }
    return result(m, 'survived', m.survives ?? 'NOT EXPECTED: no test failed', started);
  } finally {
    writeFileSync(m.file, original);
  }
}

function result(m: Mutation, status: MutantResult['status'], detail: string, started: number): MutantResult {
  return { id: m.id, file: m.file, breaks: m.breaks, status, detail, seconds: Math.round((Date.now() - started) / 1000), tests: m.tests };
}

function markdown(results: MutantResult[]): string {
  const killed = results.filter((r) => r.status !== 'survived').length;
  const rows = results.map(
    (r) => `| ${r.status === 'survived' ? '**survived**' : r.status} | \`${r.id}\` | \`${r.file}\` | ${r.breaks} | ${r.detail.replaceAll('|', '\\|')} | ${r.seconds} s |`,
  );
  return [
    '# Workerd mutations (scripts/mutation/run-workerd.ts)',
    '',
    `${killed} of ${results.length} killed (${((100 * killed) / Math.max(1, results.length)).toFixed(1)} %), ` +
      `${results.reduce((s, r) => s + r.seconds, 0)} s in all. Each mutation is applied alone, its test files run, the file restored.`,
    '',
    '| status | mutation | file | what it breaks | first failure (or why it lives) | time |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? new Set((args[args.indexOf('--only') + 1] ?? '').split(',')) : undefined;
  const list = only ? mutations.filter((m) => only.has(m.id)) : mutations;
  if (only && list.length !== only.size) throw new Error(`unknown mutation ids among ${[...only].join(', ')}`);
  check(list);
  if (args.includes('--check')) return console.log(`${list.length} mutations, every one applies`);

  const results: MutantResult[] = [];
  let current: Mutation | undefined;
  const original = new Map(list.map((m) => [m.file, readFileSync(m.file, 'utf8')]));
  process.on('SIGINT', () => {
    if (current) writeFileSync(current.file, original.get(current.file)!); // never leave a mutant behind
    process.exit(130);
  });
  for (const m of list) {
    current = m;
    const r = await runOne(m);
    results.push(r);
    console.log(`${r.status.padEnd(8)} ${r.id} (${r.seconds} s): ${r.detail}`);
  }
  current = undefined;
  mkdirSync(REPORT_DIR, { recursive: true });
  const name = only ? 'workerd-partial' : 'workerd';
  writeFileSync(`${REPORT_DIR}/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${REPORT_DIR}/${name}.md`, markdown(results));
  const killed = results.filter((r) => r.status !== 'survived').length;
  console.log(`\n${killed}/${results.length} killed; report in ${REPORT_DIR}/${name}.md`);
}

await main();
