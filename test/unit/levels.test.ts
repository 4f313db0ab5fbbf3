import { describe, expect, it } from 'vitest';
import { levelForXp, levelProgress, xpForLevel } from '../../src/domain/levels';

describe('levelForXp: floor(sqrt(total_xp / 100)) + 1', () => {
  it.each([
    [0, 1],
    [99, 1],
    [100, 2],
    [399, 2],
    [400, 3],
    [899, 3],
    [900, 4],
    [10_000, 11],
    [1_000_000, 101],
  ])('%i XP is level %i', (xp, level) => {
    expect(levelForXp(xp)).toBe(level);
  });

  it('agrees with the formula and never decreases over a wide range', () => {
    let previous = 1;
    for (let xp = 0; xp <= 250_000; xp += 7) {
      const level = levelForXp(xp);
      expect(level).toBe(Math.floor(Math.sqrt(xp / 100)) + 1);
      expect(level).toBeGreaterThanOrEqual(previous);
      previous = level;
    }
  });

  it('treats negative or non-finite XP as level 1', () => {
    expect(levelForXp(-5)).toBe(1);
    expect(levelForXp(Number.NaN)).toBe(1);
  });
});

describe('levelProgress', () => {
  it('says where the next level starts: 100 × level²', () => {
    expect(levelProgress(250)).toEqual({ total_xp: 250, level: 2, xp_into_level: 150, xp_to_next_level: 150, next_level_xp: 400 });
    expect(levelProgress(0)).toEqual({ total_xp: 0, level: 1, xp_into_level: 0, xp_to_next_level: 100, next_level_xp: 100 });
  });

  it('xpForLevel is the inverse of levelForXp at each boundary, up to the largest total the column holds (2^31 − 1)', () => {
    for (let level = 1; xpForLevel(level) <= 2 ** 31 - 1; level++) {
      expect(levelForXp(xpForLevel(level))).toBe(level);
      if (level > 1) expect(levelForXp(xpForLevel(level) - 1)).toBe(level - 1);
    }
  });
});
