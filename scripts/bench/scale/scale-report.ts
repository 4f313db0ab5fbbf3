/** Renders section F. */
import { table } from '../markdown.ts';
import { ms, ratio } from '../stats.ts';
import { AWARD_BATCH, type ScaleFigures } from './measure-scale.ts';

export interface ScaleResult {
  small: ScaleFigures;
  big: ScaleFigures;
  /** Progress of the 10-attempt and the 10,000-attempt player, measured alternately; the heavy player's award batch. */
  heavy: { lightProgress: number; progress: number; award: number };
  counts: { users: number; attempts: number; ledger: number; inconsistent: number };
  boardSize: number;
  smallLoad: number;
  bigLoad: number;
  explain: string;
  samples: number;
  historySamples: number;
}

const awardLabel = `award: ${AWARD_BATCH} submits of one player → all announced`;

export function scaleSection(r: ScaleResult): string {
  const row = (name: string, a: number, b: number) => [name, ms(a), ms(b), ratio(b, a)];
  return [
    '## F. Scale (`--scale`)',
    '',
    `Loaded: ${r.counts.users.toLocaleString('en')} users, ${r.counts.attempts.toLocaleString('en')} attempts (about half passed, 7 challenges, last 60 days), ` +
      `${r.counts.ledger.toLocaleString('en')} ledger rows (users whose total_xp disagrees with the ledger: ${r.counts.inconsistent}); ` +
      `all-time board ${r.boardSize.toLocaleString('en')} members (real players, then fillers at 0 XP below them), week and month boards from the ledger. ` +
      `Load time: ${r.smallLoad.toFixed(1)} s for the 1k step, ${r.bigLoad.toFixed(1)} s to grow to the full size.`,
    '',
    `p50 of ${r.samples} sequential requests (ms); the subject is a player with 10 attempts. ` +
      `The award figure is a full queue batch (one award alone waits for the 2 s max_batch_timeout).`,
    '',
    table(
      ['request', '1k members', '1M members', 'ratio'],
      [
        row('GET /leaderboard?limit=10', r.small.top10, r.big.top10),
        row('GET /leaderboard/around/{id}', r.small.around, r.big.around),
        row('GET /users/{id}/progress', r.small.progress, r.big.progress),
        row(awardLabel, r.small.award, r.big.award),
      ],
    ),
    '',
    `One player with 10 vs 10,000 attempts, at full size. Progress: p50 of ${r.historySamples} requests each, the two players ` +
      'asked in turn (so both see the same moments of the machine); the award column as above.',
    '',
    table(
      ['request', '10 attempts', '10,000 attempts', 'ratio'],
      [row('GET /users/{id}/progress', r.heavy.lightProgress, r.heavy.progress), row(awardLabel, r.big.award, r.heavy.award)],
    ),
    '',
    'Hot queries (reproduced from src/ with the 10,000-attempt player), `EXPLAIN (ANALYZE, FORMAT JSON)` at full size:',
    '',
    r.explain,
  ].join('\n');
}
