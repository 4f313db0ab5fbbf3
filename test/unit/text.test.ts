import { describe, expect, it } from 'vitest';
import { blockText, boundedJsonObject, isStorableText, lineText, MAX_METADATA_DEPTH, storableText, UNSTORABLE_TEXT, unstorableJsonPath, jsonDepthOver } from '../../src/domain/text';

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
    [1, 'one level holding null (not a container)', { a: null, b: 'x' }, false],
    [2, 'two levels', { a: [1] }, false],
    [32, '32 levels', nested(32), false],
    [32, '33 levels', nested(33), true],
    [32, '100,000 levels', nested(100_000), true],
  ])('limit %i, %s', (limit, _name, value, over) => {
    expect(jsonDepthOver(value, limit)).toBe(over);
  });
});

describe('boundedJsonObject: metadata as a client may send it', () => {
  // Built in each test, not at collection: the refinements are closures of this call.
  const roomy = { safeParse: (value: unknown) => boundedJsonObject(1_000).safeParse(value) };
  const deep = (levels: number) => {
    let value: Record<string, unknown> = {};
    for (let i = 1; i < levels; i++) value = { a: value };
    return value;
  };
  const issues = (value: unknown) => {
    const parsed = boundedJsonObject(40).safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  };

  it('takes an object up to the byte limit, MAX_METADATA_DEPTH levels deep, keys up to 64 characters', () => {
    expect(issues({ k: 'x'.repeat(32) })).toEqual([]); // {"k":"xxx…"} is exactly 40 bytes
    expect(roomy.safeParse(deep(MAX_METADATA_DEPTH)).success).toBe(true);
    expect(roomy.safeParse({ ['k'.repeat(64)]: 1 }).success).toBe(true);
  });

  it('refuses one byte more, one level more, a longer key: each with its own message', () => {
    expect(issues({ k: 'x'.repeat(33) })).toEqual([{ path: [], message: 'must be at most 40 bytes as JSON' }]);
    expect(roomy.safeParse(deep(MAX_METADATA_DEPTH + 1)).error?.issues.map((issue) => issue.message)).toEqual([`must be at most ${MAX_METADATA_DEPTH} levels deep`]);
    expect(roomy.safeParse({ ['k'.repeat(65)]: 1 }).success).toBe(false);
  });

  it('stops at the size check: an oversized value is not also searched for unstorable text', () => {
    expect(issues({ k: `${'x'.repeat(40)}\u0000` })).toEqual([{ path: [], message: 'must be at most 40 bytes as JSON' }]);
  });

  it('stops at the depth check: a very deep value is never stringified (which would overflow the stack)', () => {
    expect(issues(deep(100_000))).toEqual([{ path: [], message: `must be at most ${MAX_METADATA_DEPTH} levels deep` }]);
  });

  it('names the path of text jsonb cannot store, and passes storable text', () => {
    expect(issues({ a: ['ok', 'nul\u0000'] })).toEqual([{ path: ['a', 1], message: UNSTORABLE_TEXT }]);
    expect(issues({ a: ['ok', 'é✓'] })).toEqual([]);
  });
});
