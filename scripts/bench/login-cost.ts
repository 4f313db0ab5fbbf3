/**
 * Section E: what a login costs in CPU. scripts/measure-password-hash.ts prints the hash cost at
 * the production setting; POST /auth/login through the bench stack is timed as well, but that
 * stack runs with cheap hash parameters (see startDevStack), so it is the route's overhead only.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PLAYER_PASSWORD, type Api, type Player } from './api.ts';
import { latencyOf, sequential, type Latency } from './stats.ts';

export interface LoginCost {
  hashReport: string;
  login: Latency;
  stackHashParams: string;
}

export async function measureLoginCost(api: Api, player: Player, stackHashParams: string, samples = 20): Promise<LoginCost> {
  const login = await sequential(samples, () =>
    api.call('POST', '/auth/login', { body: { username: player.username, password: PLAYER_PASSWORD }, headers: { 'CF-Connecting-IP': '10.8.0.1' } }),
  );
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/measure-password-hash.ts'], { timeout: 300_000 });
  return { hashReport: stdout.trim(), login: latencyOf(login), stackHashParams };
}
