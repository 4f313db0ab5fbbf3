import { describe, expect, it } from 'vitest';
import { MAX_TAGS, TagListSchema, TagSchema } from '../../src/domain/tags';

describe('tags', () => {
  it('a tag is trimmed and lower-cased, 1–32 of a-z, 0-9 and -', () => {
    expect(TagSchema.parse('  SQL-101 ')).toBe('sql-101');
    expect(TagSchema.parse('a'.repeat(32))).toBe('a'.repeat(32));
    for (const bad of ['', '   ', 'a'.repeat(33), 'my tag', 'c++', 'ünï']) expect(TagSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('explains the rule when a tag has another character', () => {
    expect(TagSchema.safeParse('c++').error?.issues[0]?.message).toBe('Tags are 1–32 characters of a-z, 0-9 and -');
  });

  it('a list holds none to ten tags, deduplicated in the order given', () => {
    expect(TagListSchema.parse([])).toEqual([]);
    expect(TagListSchema.parse(['Go', 'sql', 'go', 'SQL', 'rust'])).toEqual(['go', 'sql', 'rust']);
    expect(TagListSchema.parse(Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`))).toHaveLength(10);
    expect(TagListSchema.safeParse(Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`)).success).toBe(false);
  });
});
