import { levelForXp } from '../domain/levels';
import { addPass, statsOf, type PassTally } from '../domain/pass-tally';
import { addToTotal, wholeSecond, type KeptTotal } from '../domain/window-totals';
import { xpForScore, xpToAward } from '../domain/xp';
import type { WindowTotal } from '../services/leaderboard/boards';
import type { AwardOutcome } from './award-attempt';
import type { LockedAttempt, PlayerState } from './award-locks';
import type { AwardWrites } from './award-writes';
import { qualifyingBadges, type CandidateBadge } from './grant-badges';

/**
 * The batch's awards worked out in memory, with no I/O: what each attempt's outcome is and what the
 * one write statement must store. A player's attempts are applied one after another, in the order
 * of their pass days, each seeing what the earlier ones did (XP already paid on a challenge, the
 * tally, badges already granted), so a batch ends exactly where awarding its attempts one by one would.
 */

interface Running {
  totalXp: number;
  level: number;
  reachedAt: Date;
  week: KeptTotal | null;
  month: KeptTotal | null;
  tally: PassTally;
  tallyChanged: boolean;
  challenges: Map<string, { bestScore: number; xpPaid: number } | null>;
  /** Every pass day, when the batch read them (a day older than the last pass day); else null. */
  days: Set<string> | null;
  candidates: CandidateBadge[];
}

export interface AwardPlan {
  outcomes: Map<string, AwardOutcome | null>;
  writes: AwardWrites;
}

const submitted = (a: LockedAttempt) => a.status !== 'started' && a.score !== null && a.submitted_at !== null;
const byPassDay = (states: Map<string, PlayerState>) => (a: LockedAttempt, b: LockedAttempt) =>
  (states.get(a.id)?.passDay ?? '').localeCompare(states.get(b.id)?.passDay ?? '') ||
  (a.submitted_at ?? '').localeCompare(b.submitted_at ?? '') || a.id.localeCompare(b.id);

function startRunning(attempts: LockedAttempt[], states: Map<string, PlayerState>): Running {
  const first = attempts[0]!;
  const state = states.get(first.id)!;
  const allPassDays = attempts.map((a) => states.get(a.id)?.allPassDays).find((days) => days);
  return {
    totalXp: first.total_xp, level: first.level, reachedAt: new Date(first.xp_reached_at),
    week: state.week, month: state.month, tally: state.tally, tallyChanged: false,
    challenges: new Map(), days: allPassDays ? new Set(allPassDays) : null, candidates: state.candidates,
  };
}

function windowTotals(r: Running, at: Date): WindowTotal[] {
  const total = (window: WindowTotal['window'], kept: KeptTotal | null): WindowTotal => ({ window, xp: kept?.xp ?? 0, reachedAt: kept?.reachedAt ?? at });
  return [total('all', { xp: r.totalXp, reachedAt: r.reachedAt }), total('week', r.week), total('month', r.month)];
}

/** One player's attempts of the batch, applied in order; pushes their outcomes and writes. */
function planPlayer(attempts: LockedAttempt[], states: Map<string, PlayerState>, at: Date, threshold: number, plan: AwardPlan): void {
  const r = startRunning(attempts, states);
  for (const attempt of attempts) {
    const state = states.get(attempt.id)!;
    const base = { attemptId: attempt.id, userId: attempt.user_id, username: attempt.username, challengeId: attempt.challenge_id, totalsAt: at };
    if (attempt.awarded_at !== null) {
      // A replay: describe the award as it was made, for an announcement that failed the first time.
      plan.outcomes.set(attempt.id, { ...base, newlyAwarded: false, xpAwarded: attempt.xp_awarded ?? 0, totalXp: r.totalXp,
        previousLevel: attempt.level_before ?? r.level, level: attempt.level_after ?? r.level, badges: attempt.granted ?? [],
        windowTotals: windowTotals(r, at) });
      continue;
    }
    if (!r.challenges.has(attempt.challenge_id)) r.challenges.set(attempt.challenge_id, state.challenge);
    const earlier = r.challenges.get(attempt.challenge_id) ?? null;
    const passDay = attempt.status === 'passed' ? state.passDay : null; // null: not a pass
    const xp = passDay !== null ? xpToAward(xpForScore(attempt.challenge_xp, attempt.score!, threshold), earlier?.xpPaid ?? 0) : 0;
    const paid = passDay !== null && !attempt.in_ledger ? xp : 0;
    const levelBefore = r.level;
    if (passDay !== null) {
      r.days?.add(passDay);
      r.tally = addPass(r.tally, { score: attempt.score!, difficulty: attempt.difficulty, tags: attempt.tags, day: passDay,
        previousBest: earlier?.bestScore ?? null }, r.days ? [...r.days] : undefined);
      r.tallyChanged = true;
      r.challenges.set(attempt.challenge_id, { bestScore: Math.max(earlier?.bestScore ?? 0, attempt.score!), xpPaid: (earlier?.xpPaid ?? 0) + paid });
      plan.writes.passes.push({ userId: attempt.user_id, attemptId: attempt.id, challengeId: attempt.challenge_id, xp, paid,
        score: attempt.score!, submittedAt: attempt.submitted_at!, day: passDay });
    }
    if (paid > 0) {
      r.totalXp += paid;
      r.level = levelForXp(r.totalXp);
      r.reachedAt = new Date(Math.max(r.reachedAt.getTime(), wholeSecond(at).getTime()));
      r.week = addToTotal(r.week, paid, at);
      r.month = addToTotal(r.month, paid, at);
    }
    const badges = qualifyingBadges(r.candidates, statsOf(r.totalXp, r.tally));
    r.candidates = r.candidates.filter((c) => !badges.some((b) => b.id === c.id));
    plan.writes.attempts.push({ attemptId: attempt.id, userId: attempt.user_id, challengeId: attempt.challenge_id, xp,
      levelBefore, levelAfter: r.level, passDay, badges });
    plan.outcomes.set(attempt.id, { ...base, newlyAwarded: true, xpAwarded: xp, totalXp: r.totalXp, previousLevel: levelBefore,
      level: r.level, badges, windowTotals: windowTotals(r, at) });
  }
  const first = attempts[0]!;
  if (r.totalXp > first.total_xp) plan.writes.players.push({ userId: first.user_id, gained: r.totalXp - first.total_xp, level: r.level, reachedAt: wholeSecond(at) });
  if (r.tallyChanged) plan.writes.tallies.push({ userId: first.user_id, tally: r.tally });
}

/**
 * Plans the awards of a batch's locked attempts. `states` has a row for each submitted attempt; an
 * attempt that was never submitted (or does not exist) gets a null outcome: nothing to award, ever.
 * The outcomes are in the order they were applied, so a player's last one holds their newest totals.
 */
export function planAwards(
  attemptIds: string[],
  locked: LockedAttempt[],
  states: Map<string, PlayerState>,
  { at, windowIds, passThreshold }: { at: Date; windowIds: string[]; passThreshold: number },
): AwardPlan {
  const plan: AwardPlan = { outcomes: new Map(), writes: { windowIds, passes: [], attempts: [], players: [], tallies: [] } };
  // Players in the order the batch first names them; each player's attempts by pass day.
  const found = new Map(locked.filter(submitted).map((a) => [a.id, a]));
  const byPlayer = new Map<string, LockedAttempt[]>();
  for (const attempt of attemptIds.flatMap((id) => found.get(id) ?? [])) {
    const list = byPlayer.get(attempt.user_id);
    if (list) list.push(attempt);
    else byPlayer.set(attempt.user_id, [attempt]);
  }
  for (const attempts of byPlayer.values()) planPlayer(attempts.sort(byPassDay(states)), states, at, passThreshold, plan);
  for (const id of attemptIds) if (!plan.outcomes.has(id)) plan.outcomes.set(id, null);
  return plan;
}
