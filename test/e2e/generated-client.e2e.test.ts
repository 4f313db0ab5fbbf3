import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
/** A package's command, as `npx` would run it. */
const bin = (file: string) => path.resolve('node_modules', file);
const baseUrl = inject('e2eBaseUrl');
let project: string;

/** Runs in the user's project (not ours: openapi-typescript would read our redocly.yaml); fails with the output. */
async function node(args: string[]) {
  try {
    return await run(process.execPath, args, { cwd: project, timeout: 120_000 });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: err });
  }
}

beforeAll(() => {
  // A user's project: the generated types, a program, and node_modules with openapi-fetch and TypeScript (ours, linked).
  project = mkdtempSync(path.join(tmpdir(), 'sq-generated-client-'));
  symlinkSync(path.resolve('node_modules'), path.join(project, 'node_modules'), 'dir');
  copyFileSync('test/e2e/fixtures/openapi-fetch-demo.ts', path.join(project, 'demo.ts'));
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, types: ['node'] };
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('a client generated from the served /openapi.json (openapi-typescript + openapi-fetch)', () => {
  it('generates types the program type-checks against, mistakes included', async () => {
    const types = path.join(project, 'skillquest-api.d.ts');
    await node([bin('openapi-typescript/bin/cli.js'), `${baseUrl}/openapi.json`, '--output', types]);
    const generated = readFileSync(types, 'utf8');
    for (const operation of ['listChallenges', 'submitAttempt', 'getPlayerProgress', 'getLeaderboard', 'login']) {
      expect(generated).toContain(`${operation}: {`);
    }
    // demo.ts marks four mistakes @ts-expect-error: were the types loose, tsc would fail on the unused markers.
    await node([bin('typescript/bin/tsc'), '-p', project]);
  }, 180_000);

  it('runs the demo flow against the dev stack: register, log in, play, award, progress, leaderboard', async () => {
    const { stdout } = await node(['--import', 'tsx', path.join(project, 'demo.ts'), baseUrl]);
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result).toMatchObject({ status: 'passed', on_board: true, level: expect.any(Number), rank: expect.any(Number) });
    expect(result.xp_awarded).toBeGreaterThan(0);
    expect(result.total_xp).toBe(result.xp_awarded);
  }, 150_000);
});
