/**
 * `npm run api:diff`: fails when client/openapi.json breaks the contract of main's copy and the major part
 * of `info.version` was not raised (README, "Versioning"). Redocly CLI's `diff` (offline, rules from
 * redocly.yaml's `diff-recommended`) rates every change major, minor or patch.
 *
 * The base is main's copy where this branch forked from it (`git merge-base HEAD main`). Level with main
 * (on main itself, as CI runs): HEAD when the document has uncommitted edits, else the commit before
 * (`HEAD^`), so CI checks what the last merge brought. No base, or no document there: nothing to
 * compare, it passes. `API_DIFF_BASE=<commit>` picks another base.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOCUMENT = 'client/openapi.json';
const MAIN_REFS = ['origin/main', 'main'];

interface Document {
  info: { version: string };
  servers?: unknown;
}

interface DiffReport {
  summary: { major: number; minor: number; patch: number };
  changes: { impact: string; path: string; verdicts: { impact: string; ruleId: string; message: string }[] }[];
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const commitOf = (ref: string) => git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);

function findBase(): { commit: string; label: string } | undefined {
  const explicit = process.env.API_DIFF_BASE;
  if (explicit) {
    const commit = commitOf(explicit);
    if (!commit) throw new Error(`API_DIFF_BASE=${explicit} is not a commit`);
    return { commit, label: explicit };
  }
  const main = MAIN_REFS.find((ref) => commitOf(ref));
  const head = commitOf('HEAD');
  const forkPoint = main && git('merge-base', 'HEAD', main);
  if (main && forkPoint && forkPoint !== head) return { commit: forkPoint, label: `where this branch left ${main}` };
  // Level with main: uncommitted edits against HEAD, else what the last commit (a merge, on CI) changed.
  if (head && git('diff', '--quiet', 'HEAD', '--', DOCUMENT) === undefined) return { commit: head, label: 'HEAD (uncommitted changes)' };
  const parent = commitOf('HEAD^1');
  return parent ? { commit: parent, label: 'the commit before HEAD' } : undefined;
}

const major = (version: string) => Number.parseInt(version.split('.')[0] ?? '', 10);

/** `servers` is each deployment's PUBLIC_BASE_URL, not part of the contract. */
function contractOf(text: string): Document {
  const { servers: _servers, ...contract } = JSON.parse(text) as Document;
  return contract;
}

function redoclyDiff(base: Document, revision: Document): DiffReport {
  const dir = mkdtempSync(path.join(tmpdir(), 'api-diff-'));
  try {
    const [basePath, revisionPath] = [path.join(dir, 'base.json'), path.join(dir, 'revision.json')];
    writeFileSync(basePath, JSON.stringify(base));
    writeFileSync(revisionPath, JSON.stringify(revision));
    const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
    const config = fileURLToPath(new URL('../redocly.yaml', import.meta.url)); // its diff-recommended rules
    const args = [cli, 'diff', basePath, revisionPath, '--config', config, '--format', 'json', '--fail-on', 'none'];
    const output = execFileSync(process.execPath, args, {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output) as DiffReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): number {
  const base = findBase();
  const baseText = base && git('show', `${base.commit}:${DOCUMENT}`);
  if (!base || baseText === undefined) {
    console.log(`api:diff: no base ${DOCUMENT} to compare with (${base ? `none at ${base.label}` : 'no main branch or earlier commit'}): passed`);
    return 0;
  }
  const before = contractOf(baseText);
  const after = contractOf(readFileSync(DOCUMENT, 'utf8'));
  const against = `${base.label} (${base.commit.slice(0, 9)}, ${before.info.version})`;
  if (JSON.stringify(before) === JSON.stringify(after)) {
    console.log(`api:diff: ${DOCUMENT} is the contract of ${against}: passed`);
    return 0;
  }
  const report = redoclyDiff(before, after);
  const { summary } = report;
  const counts = `${summary.major} breaking, ${summary.minor} minor, ${summary.patch} patch`;
  if (summary.major === 0) {
    console.log(`api:diff: against ${against}: ${counts}: passed`);
    return 0;
  }
  const breaking = report.changes.flatMap((change) =>
    change.verdicts.filter((v) => v.impact === 'major').map((v) => `  ${change.path}: ${v.message} (${v.ruleId})`),
  );
  if (major(after.info.version) > major(before.info.version)) {
    console.log(`api:diff: against ${against}: ${counts}; info.version ${before.info.version} → ${after.info.version} raises the major: passed`);
    console.log(breaking.join('\n'));
    return 0;
  }
  console.error(`api:diff: against ${against}: ${counts}. Breaking changes:\n${breaking.join('\n')}`);
  console.error(
    `\nKeep the old shape (add, don't change or remove; deprecate what is replaced), or raise the major part of ` +
      `"version" in package.json (now ${after.info.version}) and run npm run postman.`,
  );
  return 1;
}

process.exitCode = main();
