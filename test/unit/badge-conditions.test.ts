import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import {
  BadgeConditionNodeSchema,
  BadgeConditionSchema,
  describeCondition,
  evaluateCondition,
  type BadgeCondition,
  type PlayerStats,
} from '../../src/domain/badge-conditions';

const xp = (threshold: number) => ({ type: 'xp', threshold });
const nest = (depth: number): unknown => (depth <= 1 ? xp(1) : { type: 'all', of: [nest(depth - 1)] });
/** `depth` levels of `all` around `leaf`, built without recursion (for depths a recursive walk can't take). */
const deepNest = (depth: number, leaf: unknown = xp(1)): unknown => {
  let node = leaf;
  for (let level = 1; level < depth; level++) node = { type: 'all', of: [node] };
  return node;
};

/** Valid input → the parsed object (what gets stored). */
const valid: [string, unknown, unknown?][] = [
  ['xp', xp(500)],
  ['xp at its maximum', xp(10_000_000)],
  ['attempt_count', { type: 'attempt_count', count: 1 }],
  ['attempt_count distinct', { type: 'attempt_count', count: 5, distinct: true }],
  ['attempt_count distinct false', { type: 'attempt_count', count: 5, distinct: false }],
  ['consecutive_days', { type: 'consecutive_days', days: 3650 }],
  ['level', { type: 'level', level: 1000 }],
  ['difficulty_count', { type: 'difficulty_count', difficulty: 'hard', count: 1 }],
  ['perfect_scores', { type: 'perfect_scores', count: 2 }],
  ['tag_count', { type: 'tag_count', tag: 'sql', count: 2 }],
  ['tag_count normalises the tag', { type: 'tag_count', tag: ' SQL ', count: 2 }, { type: 'tag_count', tag: 'sql', count: 2 }],
  ['any of two', { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'level', level: 3 }] }],
  ['all of ten', { type: 'all', of: Array.from({ length: 10 }, (_, i) => xp(i + 1)) }],
  ['nested to depth 4', nest(4)],
  ['streak, the plan’s name, stored as consecutive_days', { type: 'streak', days: 7 }, { type: 'consecutive_days', days: 7 }],
  [
    'streak inside a composite',
    { type: 'all', of: [xp(1000), { type: 'any', of: [{ type: 'streak', days: 3 }] }] },
    { type: 'all', of: [xp(1000), { type: 'any', of: [{ type: 'consecutive_days', days: 3 }] }] },
  ],
  ['streak at the deepest level allowed', deepNest(4, { type: 'streak', days: 3 }), deepNest(4, { type: 'consecutive_days', days: 3 })],
];

/** Invalid input → the field path named (relative to the condition; the API prefixes `condition.`). */
const invalid: [string, unknown, string][] = [
  ['unknown type', { type: 'karma', count: 1 }, 'type'],
  ['missing type', { threshold: 5 }, 'type'],
  ['type of the wrong kind', { type: 7 }, 'type'],
  ['not an object', 'xp>500', ''],
  ['null', null, ''],
  ['an array', [xp(1)], ''],
  ['unknown key (strict)', { type: 'xp', threshold: 5, bonus: 1 }, ''],
  ['threshold missing', { type: 'xp' }, 'threshold'],
  ['threshold zero', xp(0), 'threshold'],
  ['threshold negative', xp(-1), 'threshold'],
  ['threshold fractional', xp(1.5), 'threshold'],
  ['threshold too large', xp(10_000_001), 'threshold'],
  ['threshold as a string', { type: 'xp', threshold: '500' }, 'threshold'],
  ['count too large', { type: 'attempt_count', count: 100_001 }, 'count'],
  ['distinct not a boolean', { type: 'attempt_count', count: 1, distinct: 'yes' }, 'distinct'],
  ['days too large', { type: 'consecutive_days', days: 3651 }, 'days'],
  ['streak without days', { type: 'streak' }, 'days'],
  ['streak with zero days', { type: 'streak', days: 0 }, 'days'],
  ['streak with an unknown key (strict)', { type: 'streak', days: 7, hours: 1 }, ''],
  ['streak child names its index', { type: 'any', of: [xp(1), { type: 'streak', days: 3651 }] }, 'of.1.days'],
  ['level too large', { type: 'level', level: 1001 }, 'level'],
  ['unknown difficulty', { type: 'difficulty_count', difficulty: 'extreme', count: 1 }, 'difficulty'],
  ['tag with a space', { type: 'tag_count', tag: 'my tag', count: 1 }, 'tag'],
  ['tag too long', { type: 'tag_count', tag: 'a'.repeat(33), count: 1 }, 'tag'],
  ['empty tag', { type: 'tag_count', tag: '', count: 1 }, 'tag'],
  ['composite with no children', { type: 'all', of: [] }, 'of'],
  ['composite with eleven children', { type: 'any', of: Array.from({ length: 11 }, () => xp(1)) }, 'of'],
  ['composite without of', { type: 'any' }, 'of'],
  ['bad child names its index', { type: 'any', of: [xp(1), { type: 'level', level: 0 }] }, 'of.1.level'],
  ['unknown child type', { type: 'all', of: [xp(1), { type: 'nope' }] }, 'of.1.type'],
  ['nested to depth 5', nest(5), 'of.0.of.0.of.0.of.0'],
  ['nested absurdly deep', nest(5000), 'of.0.of.0.of.0.of.0'],
  ['nested 100,000 deep (no step of the check recurses that far)', deepNest(100_000), 'of.0.of.0.of.0.of.0'],
];

describe('BadgeConditionSchema', () => {
  it.each(valid)('accepts %s', (_name, input, parsed) => {
    const result = BadgeConditionSchema.safeParse(input);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(result.data).toEqual(parsed ?? input);
  });

  it.each(invalid)('rejects %s, naming "%s"', (_name, input, path) => {
    const result = BadgeConditionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('names the unknown key in the message of a strict object', () => {
    const result = BadgeConditionSchema.safeParse({ type: 'xp', threshold: 5, bonus: 1 });
    expect(result.error?.issues[0]?.message).toContain('bonus');
  });

  it('leaves the input of an alias as it was (the parsed copy is renamed)', () => {
    const input = { type: 'any', of: [{ type: 'streak', days: 7 }] };
    BadgeConditionSchema.parse(input);
    expect(input).toEqual({ type: 'any', of: [{ type: 'streak', days: 7 }] });
  });

  it('reads, describes and evaluates a streak like consecutive_days', () => {
    const condition = BadgeConditionSchema.parse({ type: 'streak', days: 7 });
    expect(describeCondition(condition)).toBe('Pass a challenge on 7 consecutive days');
    expect(evaluateCondition(condition, stats({ streakDays: 7 }))).toEqual({ met: true, current: 7, target: 7 });
    expect(evaluateCondition(condition, stats({ streakDays: 4 }))).toEqual({ met: false, current: 4, target: 7 });
  });

  it('says which types exist when the type is missing or unknown', () => {
    const types = 'xp, attempt_count, consecutive_days, level, difficulty_count, perfect_scores, tag_count, all, any';
    for (const input of [{ type: 'karma' }, { threshold: 5 }]) {
      expect(BadgeConditionSchema.safeParse(input).error?.issues[0]?.message).toBe(`Missing or unknown condition type; expected one of ${types}`);
    }
  });

  it('says a condition must be an object when it is not one (not that its type is unknown)', () => {
    expect(BadgeConditionSchema.safeParse('xp>500').error?.issues[0]?.message).toBe('Invalid input: expected object, received string');
  });

  it('reports nesting too deep once, at the first node too deep, whichever child it is in', () => {
    const twice = BadgeConditionSchema.safeParse({ type: 'all', of: [nest(4), nest(4)] });
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toEqual(['of.0.of.0.of.0.of.0']);
    for (const input of [nest(5), nest(5000)]) {
      const issues = BadgeConditionSchema.safeParse(input).error?.issues ?? [];
      expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['of.0.of.0.of.0.of.0', 'Conditions nest at most 4 levels deep']]);
    }
    const second = BadgeConditionSchema.safeParse({ type: 'all', of: [xp(1), nest(4)] });
    expect(second.error?.issues.map((i) => i.path.join('.'))).toEqual(['of.1.of.0.of.0.of.0']);
    // Only the first ten children are walked: an eleventh is refused by the size limit, whatever its depth.
    const wide = BadgeConditionSchema.safeParse({ type: 'any', of: [...Array.from({ length: 10 }, () => xp(1)), nest(4)] });
    expect(wide.error?.issues.map((i) => i.path.join('.'))).toEqual(['of']);
  });

  it('is documented in OpenAPI as BadgeCondition, naming every type and the limits, with an example that is itself valid', () => {
    const app = new OpenAPIHono();
    const route = createRoute({
      method: 'post',
      path: '/conditions',
      request: { body: { content: { 'application/json': { schema: BadgeConditionNodeSchema } } } },
      responses: { 204: { description: 'accepted' } },
    });
    app.openapi(route, (c) => c.body(null, 204));
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'conditions', version: '1' } });
    const documented = doc.components?.schemas?.BadgeCondition as { description: string; example: unknown };
    for (const type of ['xp', 'attempt_count', 'consecutive_days', 'level', 'difficulty_count', 'perfect_scores', 'tag_count', 'all', 'any']) {
      expect(documented.description).toContain(type);
    }
    expect(documented.description).toContain('1–10 children, nested at most 4 deep');
    expect(BadgeConditionSchema.parse(documented.example)).toEqual({
      type: 'any',
      of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }],
    });
  });

  it('has a table of at least 25 cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(25);
  });
});

describe('describeCondition', () => {
  it.each<[BadgeCondition, string]>([
    [{ type: 'xp', threshold: 500 }, 'Earn 500 XP'],
    [{ type: 'xp', threshold: 10_000 }, 'Earn 10,000 XP'],
    [{ type: 'attempt_count', count: 1 }, 'Pass a challenge'],
    [{ type: 'attempt_count', count: 5, distinct: true }, 'Pass 5 different challenges'],
    [{ type: 'attempt_count', count: 5 }, 'Pass challenges 5 times'],
    [{ type: 'consecutive_days', days: 3 }, 'Pass a challenge on 3 consecutive days'],
    [{ type: 'level', level: 5 }, 'Reach level 5'],
    [{ type: 'difficulty_count', difficulty: 'hard', count: 1 }, 'Pass 1 hard challenge'],
    [{ type: 'perfect_scores', count: 2 }, 'Score 100 on 2 challenges'],
    [{ type: 'tag_count', tag: 'sql', count: 2 }, 'Pass 2 challenges tagged sql'],
    [{ type: 'tag_count', tag: 'sql', count: 1 }, 'Pass 1 challenge tagged sql'],
    [{ type: 'consecutive_days', days: 1 }, 'Pass a challenge on 1 day'],
    [{ type: 'difficulty_count', difficulty: 'medium', count: 3 }, 'Pass 3 medium challenges'],
    [{ type: 'perfect_scores', count: 1 }, 'Score 100 on 1 challenge'],
    [{ type: 'any', of: [{ type: 'all', of: [{ type: 'level', level: 2 }, { type: 'xp', threshold: 1_500 }] }, { type: 'level', level: 9 }] }, 'Any of: (All of: Reach level 2; Earn 1,500 XP); Reach level 9'],
    [
      { type: 'all', of: [{ type: 'xp', threshold: 500 }, { type: 'any', of: [{ type: 'level', level: 3 }, { type: 'perfect_scores', count: 1 }] }] },
      'All of: Earn 500 XP; (Any of: Reach level 3; Score 100 on 1 challenge)',
    ],
  ])('%j reads "%s"', (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });
});

const stats = (over: Partial<PlayerStats> = {}): PlayerStats => ({
  totalXp: 0,
  level: 1,
  passedAttempts: 0,
  distinctPassedChallenges: 0,
  perfectScores: 0,
  streakDays: 0,
  passedByDifficulty: { easy: 0, medium: 0, hard: 0 },
  passedByTag: {},
  ...over,
});

describe('evaluateCondition', () => {
  it.each<[string, BadgeCondition, Partial<PlayerStats>, { met: boolean; current: number; target: number }]>([
    ['xp below', { type: 'xp', threshold: 500 }, { totalXp: 499 }, { met: false, current: 499, target: 500 }],
    ['xp at the threshold', { type: 'xp', threshold: 500 }, { totalXp: 500 }, { met: true, current: 500, target: 500 }],
    ['xp above is capped at the target', { type: 'xp', threshold: 500 }, { totalXp: 900 }, { met: true, current: 500, target: 500 }],
    ['attempts count repeats', { type: 'attempt_count', count: 3 }, { passedAttempts: 3, distinctPassedChallenges: 1 }, { met: true, current: 3, target: 3 }],
    ['distinct ignores repeats', { type: 'attempt_count', count: 3, distinct: true }, { passedAttempts: 3, distinctPassedChallenges: 1 }, { met: false, current: 1, target: 3 }],
    ['streak', { type: 'consecutive_days', days: 3 }, { streakDays: 2 }, { met: false, current: 2, target: 3 }],
    ['level', { type: 'level', level: 3 }, { level: 3 }, { met: true, current: 3, target: 3 }],
    ['difficulty', { type: 'difficulty_count', difficulty: 'hard', count: 2 }, { passedByDifficulty: { easy: 9, medium: 9, hard: 1 } }, { met: false, current: 1, target: 2 }],
    ['perfect scores', { type: 'perfect_scores', count: 2 }, { perfectScores: 2 }, { met: true, current: 2, target: 2 }],
    ['tag present', { type: 'tag_count', tag: 'sql', count: 2 }, { passedByTag: { sql: 2 } }, { met: true, current: 2, target: 2 }],
    ['tag absent counts 0', { type: 'tag_count', tag: 'sql', count: 2 }, { passedByTag: { go: 5 } }, { met: false, current: 0, target: 2 }],
    ['tag named like an Object.prototype key', { type: 'tag_count', tag: 'constructor', count: 1 }, {}, { met: false, current: 0, target: 1 }],
    ['all counts children met', { type: 'all', of: [{ type: 'xp', threshold: 10 }, { type: 'level', level: 5 }, { type: 'perfect_scores', count: 1 }] }, { totalXp: 10, perfectScores: 1 }, { met: false, current: 2, target: 3 }],
    ['all met', { type: 'all', of: [{ type: 'xp', threshold: 10 }, { type: 'level', level: 1 }] }, { totalXp: 10 }, { met: true, current: 2, target: 2 }],
    ['any shows the child closest to done', { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 4 }, { type: 'difficulty_count', difficulty: 'hard', count: 2 }] }, { passedByTag: { sql: 1 }, passedByDifficulty: { easy: 0, medium: 0, hard: 1 } }, { met: false, current: 1, target: 2 }],
    ['any met by one child', { type: 'any', of: [{ type: 'xp', threshold: 1000 }, { type: 'level', level: 2 }] }, { totalXp: 999, level: 2 }, { met: true, current: 2, target: 2 }],
    ['any: the closer child wins when it comes first too', { type: 'any', of: [{ type: 'difficulty_count', difficulty: 'hard', count: 2 }, { type: 'tag_count', tag: 'sql', count: 4 }] }, { passedByTag: { sql: 1 }, passedByDifficulty: { easy: 0, medium: 0, hard: 1 } }, { met: false, current: 1, target: 2 }],
    ['any: of two children equally close, the first', { type: 'any', of: [{ type: 'xp', threshold: 10 }, { type: 'level', level: 4 }] }, { totalXp: 5, level: 2 }, { met: false, current: 5, target: 10 }],
    ['any: of two children met, the first', { type: 'any', of: [{ type: 'perfect_scores', count: 2 }, { type: 'xp', threshold: 5 }] }, { perfectScores: 2, totalXp: 9 }, { met: true, current: 2, target: 2 }],
    ['nested composites', { type: 'all', of: [{ type: 'any', of: [{ type: 'xp', threshold: 5 }, { type: 'level', level: 9 }] }, { type: 'perfect_scores', count: 1 }] }, { totalXp: 5 }, { met: false, current: 1, target: 2 }],
  ])('%s', (_name, condition, over, expected) => {
    expect(evaluateCondition(condition, stats(over))).toEqual(expected);
  });

  it('treats nonsense stats (negative, NaN) as no progress', () => {
    expect(evaluateCondition({ type: 'xp', threshold: 5 }, stats({ totalXp: Number.NaN }))).toEqual({ met: false, current: 0, target: 5 });
    expect(evaluateCondition({ type: 'level', level: 2 }, stats({ level: -3 }))).toEqual({ met: false, current: 0, target: 2 });
  });
});
