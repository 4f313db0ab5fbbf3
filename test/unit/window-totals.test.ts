import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToTotal, wholeSecond, type KeptTotal } from '../../src/domain/window-totals';

describe('addToTotal: a window total kept award by award', () => {
  const at = new Date('2026-11-20T12:00:05.750Z');

  it('adds XP and keeps the award time in whole seconds', () => {
    expect(addToTotal(null, 40, at)).toEqual({ xp: 40, reachedAt: new Date('2026-11-20T12:00:05Z') });
    expect(addToTotal({ xp: 10, reachedAt: new Date('2026-11-20T11:00:00Z') }, 40, at)).toEqual({ xp: 50, reachedAt: new Date('2026-11-20T12:00:05Z') });
  });

  it('no XP changes nothing (a failed attempt or a repeat that adds nothing)', () => {
    const total = { xp: 10, reachedAt: new Date('2026-11-20T11:00:00Z') };
    expect(addToTotal(total, 0, at)).toBe(total);
    expect(addToTotal(null, 0, at)).toBeNull();
  });

  it('in any commit order the result is the sum and the latest award time (as max(created_at) of the ledger)', () => {
    const award = fc.record({ xp: fc.integer({ min: 0, max: 500 }), ms: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(award, { maxLength: 12 }), (awards) => {
        const fold = (list: typeof awards) => list.reduce<KeptTotal | null>((t, a) => addToTotal(t, a.xp, new Date(Date.UTC(2026, 10, 20) + a.ms)), null);
        const paying = awards.filter((a) => a.xp > 0);
        const expected = paying.length === 0 ? null : {
          xp: paying.reduce((s, a) => s + a.xp, 0),
          reachedAt: wholeSecond(new Date(Date.UTC(2026, 10, 20) + Math.max(...paying.map((a) => a.ms)))),
        };
        expect(fold(awards)).toEqual(expected);
        expect(fold([...awards].reverse())).toEqual(expected);
      }),
    );
  });
});
