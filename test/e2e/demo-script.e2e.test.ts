import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';

describe('scripts/demo.sh', () => {
  it('runs the seed’s curl flow green against the dev stack', async () => {
    const { stdout } = await promisify(execFile)('bash', ['scripts/demo.sh'], {
      env: { ...process.env, BASE_URL: inject('e2eBaseUrl') },
      timeout: 60_000,
    });
    expect(stdout).toContain('✓ demo complete');
    expect(stdout).toMatch(/xp awarded: \d+/);
    expect(stdout).toMatch(/#\d+ demo_/);
  }, 70_000);
});

describe('client/example.ts (the typed Hono RPC client)', () => {
  it('logs in, submits an attempt and reads progress against the dev stack', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'client/example.ts', inject('e2eBaseUrl')], {
      timeout: 60_000,
    });
    expect(stdout).toMatch(/submitted ".+": 202/);
    expect(stdout).toMatch(/alice: \d+ XP, level \d+, rank #\d+/);
  }, 70_000);
});
