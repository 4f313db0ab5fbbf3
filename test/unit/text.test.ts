import { describe, expect, it } from 'vitest';
import { blockText, isStorableText, lineText, storableText, UNSTORABLE_TEXT, unstorableJsonPath, jsonDepthOver } from '../../src/domain/text';

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
    expect(unstorableJsonPath({ fine: 'ok', later: { deep: ['ok', { bad: '\ud800' }] } })).toEqual(['later', 'deep', 1, 'bad']);
  });
});

/** The first issue's message, or undefined when the value parses. */
const problem = (schema: { safeParse: (v: unknown) => { error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

describe('lineText: a trimmed single line of 1..max characters', () => {
  const title = lineText(5);
  it('trims, and takes 1 to max characters', () => {
    expect(title.parse('  abc  ')).toBe('abc');
    expect(title.parse('abcde')).toBe('abcde');
    expect(title.safeParse('abcdef').success).toBe(false);
    expect(title.safeParse('   ').success).toBe(false);
  });

  it('refuses a control character anywhere (C0, DEL or C1), naming the rule', () => {
    for (const text of ['\u0007ab', 'a\nb', 'a\tb', 'a\u007fb', 'a\u0085']) {
      expect(problem(title, text), JSON.stringify(text)).toBe('Must not contain control characters');
    }
  });

  it('refuses a lone surrogate as unstorable', () => {
    expect(problem(title, 'a\ud800')).toBe(UNSTORABLE_TEXT);
  });
});

describe('blockText: free text of at most max characters, newlines allowed', () => {
  const description = blockText(6);
  it('keeps newlines and tabs as sent, up to max characters', () => {
    expect(description.parse(' a\nb\t ')).toBe(' a\nb\t ');
    expect(description.parse('')).toBe('');
    expect(description.safeParse('abcdefg').success).toBe(false);
  });

  it('refuses NUL anywhere, naming it, and a lone surrogate as unstorable', () => {
    for (const text of ['\u0000ab', 'a\u0000b', 'ab\u0000']) expect(problem(description, text), JSON.stringify(text)).toBe('Must not contain NUL characters');
    expect(problem(description, '\udc00')).toBe(UNSTORABLE_TEXT);
  });

  it('storableText refuses only what Postgres can’t store', () => {
    expect(storableText().parse('any\u0007thing\n')).toBe('any\u0007thing\n');
    expect(problem(storableText(), 'x\u0000')).toBe(UNSTORABLE_TEXT);
  });
});

describe('jsonDepthOver: objects and arrays nested past a limit, found without recursion', () => {
  const nested = (levels: number) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
    return value;
  };
  it.each([
    [0, 'a scalar', 'x', false],
    [1, 'an empty object', {}, false],
    [1, 'one level', { a: 1, b: [] }, true],
    [2, 'two levels', { a: [1] }, false],
    [32, '32 levels', nested(32), false],
    [32, '33 levels', nested(33), true],
    [32, '100,000 levels', nested(100_000), true],
  ])('limit %i, %s', (limit, _name, value, over) => {
    expect(jsonDepthOver(value, limit)).toBe(over);
  });
});
