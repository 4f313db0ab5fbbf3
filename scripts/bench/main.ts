/**
 * `npm run bench`: measures the API on local stacks (wrangler dev + gateway + real Postgres/Redis)
 * and writes bench/results/<date>.md and .svg. Figures, not assertions: nothing fails on timing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runApiSections } from './api-sections.ts';
import { measureDriverChoice } from './driver-choice.ts';
import { benchOptions } from './options.ts';
import { runScale } from './scale/run-scale.ts';

const options = benchOptions();
// Other work on the machine skews every figure: say how busy it was when the run began.
const loadAverage = os.loadavg()[0]!.toFixed(1);
const date = new Date().toISOString().slice(0, 10);
const sections: string[] = [];
let chart: string | undefined;

if (!options.onlyScale) {
  const api = await runApiSections(options, `${date}.svg`);
  sections.push(...api.sections);
  chart = api.chart;
  console.error('bench: H. driver path');
  sections.push(await measureDriverChoice('redis://127.0.0.1:6379/12'));
}
if (options.scale) {
  console.error('bench: F. scale');
  sections.push(await runScale(options.scaleSamples));
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
const cpu = os.cpus();
const run = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const markdown = [
  `# SkillQuest Edge benchmark, ${date}`,
  '',
  `Commit ${commit}; Node ${process.version}; ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}; the local wrangler dev server + gateway + ` +
    `Postgres + Redis on this one machine (shared; load average ${loadAverage} when the run began). Run: \`${run}\`. Latencies in ms.`,
  '',
  'The worker runs as deployed Workers do, without the DevTools inspector that `wrangler dev` attaches (it serialises every ' +
    "console line on the worker's one thread; scripts/dev.ts, WRANGLER_INSPECTOR=off): same worker code, queue consumer, " +
    'Durable Object and bindings.',
  '',
  sections.join('\n\n'),
  '',
].join('\n');
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${date}.md`, markdown);
if (chart) writeFileSync(`bench/results/${date}.svg`, chart);
console.log(markdown);
console.error(`bench: wrote bench/results/${date}.md${chart ? ' and .svg' : ''}`);
