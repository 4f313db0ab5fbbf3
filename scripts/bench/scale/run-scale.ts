/**
 * Section F (`--scale`): the same requests at 1,000 and at 1,000,000 board members (100,000
 * players, ~1,000,000 attempts and their ledger), and for a player with 10 vs 10,000 attempts.
 */
import { Redis } from 'ioredis';
import { windowId } from '../../../src/domain/leaderboard-window.ts';
import { Api, createPlayers } from '../api.ts';
import { benchStorage, REDIS_URL, startBenchStack } from '../bench-stack.ts';
import { connect } from '../db.ts';
import { explainHotQueries } from './explain.ts';
import { addAttempts, addPlayers, analyze, enlist, prepareScaleTables, settleTotals } from './load-players.ts';
import { boardKey, loadBoards } from './load-boards.ts';
import { alternateP50s, awardBatchMs, measureFigures } from './measure-scale.ts';
import { progressBar } from './progress-bar.ts';
import { scaleSection } from './scale-report.ts';

const SMALL = 1_000;
const PLAYERS = 100_000;
const ATTEMPTS_PER_PLAYER = 10;
const HEAVY_ATTEMPTS = 10_000;
const CHUNKS = 10;
/** 10 vs 10,000 attempts is the same database and moment, so it can afford more samples: a few ms apart is the question. */
const HISTORY_SAMPLES_FACTOR = 5;

export async function runScale(samples: number): Promise<string> {
  const storage = benchStorage('scale');
  const stack = await startBenchStack(storage.databaseUrl, storage.redisPrefix, 0);
  const db = await connect(storage.databaseUrl);
  const redis = new Redis(REDIS_URL);
  const seconds = (since: number) => (performance.now() - since) / 1000;
  try {
    const api = new Api(stack.baseUrl);
    const [light, heavy] = await createPlayers(api, 'scale', 2);
    const challengeIds = ((await api.get('/challenges?limit=20')).items as { id: string }[]).map((c) => c.id);
    await prepareScaleTables(db);

    // 1,000 players (the light subject is one of them), 10 attempts each.
    let started = performance.now();
    await enlist(db, 0, light!.id);
    await addPlayers(db, 1, SMALL - 1);
    await addAttempts(db, 0, SMALL - 1, ATTEMPTS_PER_PLAYER);
    await settleTotals(db, 0, SMALL - 1);
    await analyze(db);
    await loadBoards(db, redis, storage.redisPrefix, SMALL);
    const smallLoad = seconds(started);
    const small = await measureFigures(api, db, light!, challengeIds, samples);

    // Grow to 100,000 players and a 1,000,000-member board; the heavy subject gets 10,000 attempts.
    started = performance.now();
    const bar = progressBar('postgres: players + attempts', CHUNKS + 2);
    const step = Math.ceil((PLAYERS - 1 - SMALL) / CHUNKS);
    for (let from = SMALL; from < PLAYERS - 1; from += step) {
      const to = Math.min(PLAYERS - 2, from + step - 1);
      await addPlayers(db, from, to);
      await addAttempts(db, from, to, ATTEMPTS_PER_PLAYER);
      await settleTotals(db, from, to);
      bar.tick();
    }
    await enlist(db, PLAYERS - 1, heavy!.id);
    await addAttempts(db, PLAYERS - 1, PLAYERS - 1, HEAVY_ATTEMPTS);
    await settleTotals(db, PLAYERS - 1, PLAYERS - 1);
    bar.tick();
    await analyze(db);
    bar.finish();
    await loadBoards(db, redis, storage.redisPrefix, 1_000_000);
    const bigLoad = seconds(started);
    const counts = (await db.query(`select (select count(*) from users)::int as users, (select count(*) from attempts)::int as attempts,
      (select count(*) from xp_events)::int as ledger,
      (select count(*) from users u where total_xp <> coalesce((select sum(xp) from xp_events e where e.user_id = u.id), 0))::int as inconsistent`)).rows[0];
    const boardSize = await redis.zcard(boardKey(storage.redisPrefix, 'all', new Date()));

    const big = await measureFigures(api, db, light!, challengeIds, samples);
    const progressOf = (player: { id: string }) => () => api.get(`/users/${player.id}/progress`);
    const [lightProgress, heavyProgress] = await alternateP50s(samples * HISTORY_SAMPLES_FACTOR, [progressOf(light!), progressOf(heavy!)]);
    const heavyFigures = {
      lightProgress: lightProgress!,
      progress: heavyProgress!,
      award: await awardBatchMs(api, db, heavy!, challengeIds, Math.max(3, Math.round(samples / 4))),
    };
    const { rows: [latest] } = await db.query('select id from attempts where user_id = $1 order by started_at desc limit 1', [heavy!.id]);
    const explain = await explainHotQueries(db, { player: heavy!.id, attempt: (latest as { id: string }).id, weekId: windowId('week', new Date()) });
    return scaleSection({ small, big, heavy: heavyFigures, counts, boardSize, smallLoad, bigLoad, explain, samples, historySamples: samples * HISTORY_SAMPLES_FACTOR });
  } finally {
    redis.disconnect();
    await db.end();
    await stack.stop();
    await storage.remove();
  }
}
