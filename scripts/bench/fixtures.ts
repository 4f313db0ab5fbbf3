/** What every section needs: players with tokens, the seeded challenges, a player with awarded XP. */
import type pg from 'pg';
import { createPlayers, startAttempts, type Api, type Player } from './api.ts';
import { drainAwards } from './db.ts';

export interface Challenge {
  id: string;
  title: string;
  xp: number;
}

export interface Fixtures {
  api: Api;
  challenges: Challenge[];
  /** Players with a few awarded attempts each: the subjects of the per-user routes. */
  players: Player[];
  subject: Player;
}

export async function prepareFixtures(api: Api, db: pg.Client): Promise<Fixtures> {
  const challenges = (await api.get('/challenges?limit=20')).items as Challenge[];
  const players = await createPlayers(api, 'bench', 20);
  // Three passes each, so boards, progress and badges have something to show.
  const pairs = players.flatMap((player) => challenges.slice(2, 5).map((c) => ({ player, challengeId: c.id })));
  const started = await startAttempts(api, pairs);
  await Promise.all(
    started.map((a, i) => api.call('POST', `/attempts/${a.id}/submit`, { body: { score: 70 + (i % 31) }, token: a.player.token })),
  );
  if (!(await drainAwards(db))) throw new Error('fixture awards did not finish');
  return { api, challenges, players, subject: players[7]! };
}

/**
 * Started attempts for one-shot submits: `count` of them, on distinct (player, challenge) pairs (a player
 * has one open attempt per challenge, so a repeated pair would hand back the same attempt twice).
 */
export function startSubmitPool(f: Fixtures, count: number, api = f.api) {
  const distinct = f.players.length * f.challenges.length;
  if (count > distinct) throw new Error(`a submit pool of ${count} needs more than ${distinct} (player, challenge) pairs`);
  const pairs = Array.from({ length: count }, (_, k) => ({
    player: f.players[k % f.players.length]!,
    challengeId: f.challenges[Math.floor(k / f.players.length)]!.id,
  }));
  return startAttempts(api, pairs);
}

export const submitBody = JSON.stringify({ score: 90 });
