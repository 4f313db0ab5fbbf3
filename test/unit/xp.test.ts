import { describe, expect, it } from 'vitest';
import { isPassing, xpForScore, xpToAward } from '../../src/domain/xp';

describe('isPassing', () => {
  it('passes at the threshold and above', () => {
    expect(isPassing(70, 70)).toBe(true);
    expect(isPassing(69, 70)).toBe(false);
    expect(isPassing(100, 70)).toBe(true);
    expect(isPassing(50, 50)).toBe(true);
  });
});

describe('xpForScore: round(challenge.xp × score / 100) when passing, else 0', () => {
  it.each([
    [100, 100, 100],
    [100, 70, 70],
    [100, 69, 0],
    [50, 85, 43], // 42.5 rounds half up
    [333, 77, 256],
    [10_000, 100, 10_000],
    [1, 70, 1],
  ])('%i XP at score %i earns %i', (xp, score, expected) => {
    expect(xpForScore(xp, score, 70)).toBe(expected);
  });
});

describe('xpToAward: no farming by resubmitting', () => {
  it('awards only the improvement over what the challenge already paid', () => {
    expect(xpToAward(80, 0)).toBe(80);
    expect(xpToAward(90, 80)).toBe(10);
    expect(xpToAward(70, 90)).toBe(0);
    expect(xpToAward(100, 100)).toBe(0);
  });

  it('never pays more than challenge.xp in total over any sequence of scores', () => {
    const challengeXp = 137;
    let paid = 0;
    for (const score of [71, 70, 99, 85, 100, 100, 40, 100]) {
      paid += xpToAward(xpForScore(challengeXp, score, 70), paid);
    }
    expect(paid).toBe(challengeXp);
  });
});
