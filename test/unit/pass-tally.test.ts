import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difficulties } from '../../src/domain/badge-conditions';
import { levelForXp } from '../../src/domain/levels';
import { addPass, emptyTally, statsOf, type PassTally } from '../../src/domain/pass-tally';
import { longestStreak } from '../../src/domain/streaks';

const challenges = [
  { difficulty: 'easy', tags: ['sql', 'joins'] },
  { difficulty: 'hard', tags: ['sql'] },
  { difficulty: 'hard', tags: [] },
  { difficulty: 'medium', tags: ['constructor', '__proto__', 'sql', 'sql'] },
] as const;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

const passes = fc.array(
  fc.record({ challenge: fc.integer({ min: 0, max: challenges.length - 1 }), score: fc.constantFrom(70, 85, 100), day: fc.integer({ min: 0, max: 12 }) }),
  { maxLength: 25 },
);

/** Adds the passes one by one in the given order, as awards would (each knowing the best earlier score). */
function tallyInOrder(list: { challenge: number; score: number; day: number }[]): PassTally {
  const best = new Map<number, number>();
  const days: string[] = [];
  let tally = emptyTally();
  for (const p of list) {
    days.push(day(p.day));
    const { difficulty, tags } = challenges[p.challenge]!;
    tally = addPass(tally, { score: p.score, difficulty, tags, day: day(p.day), previousBest: best.get(p.challenge) ?? null }, days);
    best.set(p.challenge, Math.max(best.get(p.challenge) ?? 0, p.score));
  }
  return tally;
}

describe('addPass: a tally kept one pass at a time', () => {
  it('counts a first pass everywhere, a repeat only in passedAttempts, a first 100 once', () => {
    let tally = addPass(emptyTally(), { score: 80, difficulty: 'hard', tags: ['sql', 'sql'], day: '2026-05-05', previousBest: null });
    expect(tally).toMatchObject({ passedAttempts: 1, distinctChallenges: 1, perfectScores: 0, passedByDifficulty: { easy: 0, medium: 0, hard: 1 } });
    expect({ ...tally.passedByTag }).toEqual({ sql: 1 });
    tally = addPass(tally, { score: 100, difficulty: 'hard', tags: ['sql'], day: '2026-05-06', previousBest: 80 });
    tally = addPass(tally, { score: 100, difficulty: 'hard', tags: ['sql'], day: '2026-05-06', previousBest: 100 });
    expect(tally).toMatchObject({ passedAttempts: 3, distinctChallenges: 1, perfectScores: 1, passedByDifficulty: { hard: 1 } });
    expect({ ...tally.passedByTag }).toEqual({ sql: 1 });
    expect(tally.streak).toEqual({ current: 2, longest: 2, lastDay: '2026-05-06' });
  });

  it('an older day without every pass day is a programming error, not a wrong streak', () => {
    const tally = addPass(emptyTally(), { score: 80, difficulty: 'easy', tags: [], day: '2026-05-05', previousBest: null });
    expect(() => addPass(tally, { score: 80, difficulty: 'easy', tags: [], day: '2026-05-01', previousBest: 80 })).toThrow(/every pass day/);
  });

  it('tags that are Object.prototype names are counted as tags', () => {
    const tally = addPass(emptyTally(), { score: 80, difficulty: 'medium', tags: ['constructor', '__proto__'], day: '2026-05-05', previousBest: null });
    expect(Object.keys(tally.passedByTag).sort()).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(tally.passedByTag))).toEqual(JSON.parse('{"constructor":1,"__proto__":1}'));
  });

  it('any order of the same passes gives the tally counted from scratch', () => {
    fc.assert(
      fc.property(passes.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        const distinct = [...new Set(list.map((p) => p.challenge))];
        const expected = {
          passedAttempts: list.length,
          distinctChallenges: distinct.length,
          perfectScores: distinct.filter((c) => list.some((p) => p.challenge === c && p.score === 100)).length,
          passedByDifficulty: Object.fromEntries(difficulties.map((d) => [d, distinct.filter((c) => challenges[c]!.difficulty === d).length])),
          passedByTag: Object.fromEntries(
            [...new Set(distinct.flatMap((c) => challenges[c]!.tags))].map((tag) => [tag, distinct.filter((c) => challenges[c]!.tags.includes(tag as never)).length]),
          ),
          longest: longestStreak(list.map((p) => day(p.day))),
        };
        for (const tally of [tallyInOrder(list), tallyInOrder(shuffled)]) {
          const { passedByTag, streak, ...counts } = tally;
          expect({ ...counts, passedByTag: JSON.parse(JSON.stringify(passedByTag)), longest: streak.longest }).toEqual({
            ...expected,
            passedByTag: JSON.parse(JSON.stringify(expected.passedByTag)),
          });
        }
        expect(tallyInOrder(shuffled).streak).toEqual(tallyInOrder(list).streak);
      }),
    );
  });
});

describe('statsOf: what badge conditions read', () => {
  it('takes the level from the XP and the longest streak as streakDays', () => {
    const tally = addPass(emptyTally(), { score: 100, difficulty: 'easy', tags: ['sql'], day: '2026-05-05', previousBest: null });
    expect(statsOf(450, tally)).toMatchObject({ totalXp: 450, level: levelForXp(450), passedAttempts: 1, distinctPassedChallenges: 1, perfectScores: 1, streakDays: 1 });
  });
});
