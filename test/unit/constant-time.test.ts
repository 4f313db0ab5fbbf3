import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../src/domain/constant-time';

describe('constantTimeEqual', () => {
  it('is true for equal strings and equal bytes', () => {
    expect(constantTimeEqual('metrics-token', 'metrics-token')).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('is false when any byte differs, first, middle or last', () => {
    for (const other of ['xetrics-token', 'metrics_token', 'metrics-tokem']) expect(constantTimeEqual('metrics-token', other), other).toBe(false);
  });

  it('is false when one is a prefix of the other, either way round', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });

  it('compares UTF-8 bytes, not UTF-16 code units', () => {
    expect(constantTimeEqual('é', 'e\u0301')).toBe(false);
    expect(constantTimeEqual('😀', '😀')).toBe(true);
  });
});
