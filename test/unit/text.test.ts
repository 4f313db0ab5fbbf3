import { describe, expect, it } from 'vitest';
import { isStorableText, unstorableJsonPath } from '../../src/domain/text';

describe('isStorableText', () => {
  it('accepts any well-formed Unicode, surrogate pairs included', () => {
    for (const text of ['', 'plain', 'line\nbreak\ttab', 'émoji 😀', '\ud83d\ude00', '\uffff']) expect(isStorableText(text), text).toBe(true);
  });

  it('refuses NUL and lone surrogates wherever they are', () => {
    for (const text of ['\u0000', 'a\u0000', '\ud800', 'a\ud800b', 'x\udc00', '\udc00\ud800', '😀\ud83d', '\ude00😀']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('unstorableJsonPath', () => {
  it('is undefined for storable JSON of any shape', () => {
    expect(unstorableJsonPath({ a: [1, 'x', { b: null, c: true }], 'ключ': '😀' })).toBeUndefined();
  });

  it('names the bad value, the array index, or the object holding a bad key', () => {
    expect(unstorableJsonPath({ a: { b: 'x\u0000' } })).toEqual(['a', 'b']);
    expect(unstorableJsonPath({ list: ['ok', '\ud800'] })).toEqual(['list', 1]);
    expect(unstorableJsonPath({ outer: { ['\udc00']: 1 } })).toEqual(['outer']);
    expect(unstorableJsonPath({ ['\u0000']: 1 })).toEqual([]);
  });
});
