/** The figures compared across sizes: p50 of sequential requests, and of award batches. */
import type pg from 'pg';
import { mapConcurrent, startAttempts, type Api, type Player } from '../api.ts';
import { awaitAward } from '../db.ts';
import { percentile, sequential } from '../stats.ts';

export const AWARD_BATCH = 10;

/**
 * One award alone waits for the queue's batch timeout (wrangler.toml max_batch_timeout = 2 s), which
 * would hide its cost: instead one player submits a full batch of 10 at once, and the time until
 * the last of them is announced is taken. The awards serialise on the player's row lock.
 */
export async function awardBatchMs(api: Api, db: pg.Client, player: Player, challengeIds: string[], rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const pairs = Array.from({ length: AWARD_BATCH }, (_, i) => ({ player, challengeId: challengeIds[i % challengeIds.length]! }));
    // Starting a challenge that is already open returns that attempt: one submit per attempt.
    const attempts = [...new Map((await startAttempts(api, pairs)).map((a) => [a.id, a])).values()];
    const started = performance.now();
    await mapConcurrent(attempts, AWARD_BATCH, (a) => api.call('POST', `/attempts/${a.id}/submit`, { body: { score: 85 }, token: player.token }));
    const done = await Promise.all(attempts.map((a) => awaitAward(db, a.id)));
    samples.push(Math.max(...done) - started);
  }
  return percentile(samples, 50);
}

export const p50Of = async (samples: number, request: () => Promise<unknown>) => {
  await request();
  return percentile(await sequential(samples, request), 50);
};

/**
 * p50 of each request, the requests taken in turn (a, b, a, b, …) after one warm-up each: both see the
 * same moments of the machine (awards still settling, other work), so their ratio compares the requests.
 */
export async function alternateP50s(samples: number, requests: (() => Promise<unknown>)[]): Promise<number[]> {
  for (const request of requests) await request();
  const times: number[][] = requests.map(() => []);
  for (let i = 0; i < samples; i++) {
    for (const [k, request] of requests.entries()) {
      const started = performance.now();
      await request();
      times[k]!.push(performance.now() - started);
    }
  }
  return times.map((t) => percentile(t, 50));
}

export interface ScaleFigures {
  top10: number;
  around: number;
  progress: number;
  award: number;
}

export async function measureFigures(api: Api, db: pg.Client, subject: Player, challengeIds: string[], samples: number): Promise<ScaleFigures> {
  return {
    top10: await p50Of(samples, () => api.get('/leaderboard?limit=10')),
    around: await p50Of(samples, () => api.get(`/leaderboard/around/${subject.id}`)),
    progress: await p50Of(samples, () => api.get(`/users/${subject.id}/progress`)),
    award: await awardBatchMs(api, db, subject, challengeIds, Math.max(3, Math.round(samples / 4))),
  };
}
