import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/lib/cursor';

const id = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

describe('decodeCursor', () => {
  it('round-trips what encodeCursor wrote, leap days and the first year included', () => {
    for (const createdAt of ['2026-01-05T10:00:00.123456Z', '2024-02-29T23:59:59.999999Z', '2000-02-29T00:00:00.000000Z', '0001-01-01T00:00:00.000000Z']) {
      expect(decodeCursor(encodeCursor({ createdAt, id }))).toEqual({ createdAt, id });
    }
  });

  it.each(['2024-13-01', '2024-00-10', '2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '0000-01-01'])(
    'refuses the impossible day %s as a 422 naming cursor',
    (day) => {
      expect(() => decodeCursor(encodeCursor({ createdAt: `${day}T00:00:00.000000Z`, id }))).toThrow(
        expect.objectContaining({ status: 422, details: [expect.objectContaining({ field: 'cursor' })] }),
      );
    },
  );

  it.each(['24:00:00', '23:60:00', '23:59:60'])('refuses the impossible time %s', (time) => {
    expect(() => decodeCursor(encodeCursor({ createdAt: `2024-01-01T${time}.000000Z`, id }))).toThrow(expect.objectContaining({ status: 422 }));
  });
});
