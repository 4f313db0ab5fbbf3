import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run api:diff` in a scratch repository: main holds today's client/openapi.json, a branch changes it.
const script = path.resolve('scripts/api-diff.ts');
const current = JSON.parse(readFileSync('client/openapi.json', 'utf8'));
let repo: string;

function git(...args: string[]) {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'ignore' });
}

function writeDocument(document: unknown) {
  mkdirSync(path.join(repo, 'client'), { recursive: true });
  writeFileSync(path.join(repo, 'client/openapi.json'), JSON.stringify(document, null, 2));
}

async function apiDiff(): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: repo, timeout: 60_000 });
    return { code: 0, output: stdout };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

/** A repository whose main has today's document, on a branch `change` with nothing changed yet. */
function repoWithMain() {
  repo = mkdtempSync(path.join(tmpdir(), 'sq-api-diff-'));
  symlinkSync(path.resolve('node_modules'), path.join(repo, 'node_modules'), 'dir');
  writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
  git('init', '-q', '-b', 'main');
  writeDocument(current);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'change');
}

const withoutLogout = () => {
  const { '/auth/logout': _removed, ...paths } = current.paths;
  return { ...current, paths };
};

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('npm run api:diff', () => {
  it('fails on a breaking change committed on a branch, naming it', async () => {
    repoWithMain();
    writeDocument(withoutLogout());
    git('commit', '-q', '-am', 'drop logout');
    const { code, output } = await apiDiff();
    expect(code).toBe(1);
    expect(output).toContain('where this branch left main');
    expect(output).toContain('Path `/auth/logout` was removed. (path-removed)');
  }, 90_000);

  it('passes the same change, uncommitted, when the major part of info.version was raised', async () => {
    repoWithMain();
    writeDocument({ ...withoutLogout(), info: { ...current.info, version: '1.0.0' } });
    const { code, output } = await apiDiff();
    expect(code, output).toBe(0);
    expect(output).toContain('raises the major');
  }, 90_000);

  it('passes an additive change, and a change of servers (each deployment’s PUBLIC_BASE_URL)', async () => {
    repoWithMain();
    const health = current.paths['/health'];
    writeDocument({ ...current, servers: [{ url: 'https://api.example.org' }], paths: { ...current.paths, '/health/live': health } });
    const { code, output } = await apiDiff();
    expect(code, output).toBe(0);
    expect(output).toMatch(/0 breaking, [1-9]\d* minor/);
  }, 90_000);

  it('on main itself compares with the commit before, and passes when there is no earlier document', async () => {
    repoWithMain();
    git('checkout', '-q', 'main');
    expect((await apiDiff()).code).toBe(0); // the first commit: nothing before it
    writeDocument(withoutLogout());
    git('commit', '-q', '-am', 'drop logout');
    const { code, output } = await apiDiff();
    expect(code).toBe(1);
    expect(output).toContain('the commit before HEAD');
  }, 90_000);
});
