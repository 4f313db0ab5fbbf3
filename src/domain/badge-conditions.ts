// zod from @hono/zod-openapi so the recursive union can carry its OpenAPI name (a $ref, not an endless inline).
import { z } from '@hono/zod-openapi';
import { TagSchema } from './tags';

/** Composites nest at most this deep: the root is depth 1, `condition.of.0` depth 2, and so on. */
export const MAX_CONDITION_DEPTH = 4;
export const MAX_CHILDREN = 10;
export const difficulties = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof difficulties)[number];

const count = (max: number) => z.number().int().min(1).max(max);

const XpCondition = z.object({ type: z.literal('xp'), threshold: count(10_000_000) }).strict();
const AttemptCountCondition = z
  .object({ type: z.literal('attempt_count'), count: count(100_000), distinct: z.boolean().optional() })
  .strict();
const ConsecutiveDaysCondition = z.object({ type: z.literal('consecutive_days'), days: count(3650) }).strict();
const LevelCondition = z.object({ type: z.literal('level'), level: count(1000) }).strict();
const DifficultyCountCondition = z
  .object({ type: z.literal('difficulty_count'), difficulty: z.enum(difficulties), count: count(100_000) })
  .strict();
const PerfectScoresCondition = z.object({ type: z.literal('perfect_scores'), count: count(100_000) }).strict();
const TagCountCondition = z.object({ type: z.literal('tag_count'), tag: TagSchema, count: count(100_000) }).strict();

export type LeafCondition =
  | z.infer<typeof XpCondition>
  | z.infer<typeof AttemptCountCondition>
  | z.infer<typeof ConsecutiveDaysCondition>
  | z.infer<typeof LevelCondition>
  | z.infer<typeof DifficultyCountCondition>
  | z.infer<typeof PerfectScoresCondition>
  | z.infer<typeof TagCountCondition>;
export type CompositeCondition = { type: 'all'; of: BadgeCondition[] } | { type: 'any'; of: BadgeCondition[] };
export type BadgeCondition = LeafCondition | CompositeCondition;

const composite = <T extends 'all' | 'any'>(type: T) =>
  z
    .object({
      type: z.literal(type),
      get of(): z.ZodArray<z.ZodType<BadgeCondition>> {
        return z.array(ConditionNode).min(1).max(MAX_CHILDREN);
      },
    })
    .strict();

const typeNames = 'xp, attempt_count, consecutive_days, level, difficulty_count, perfect_scores, tag_count, all, any';
/** Other names accepted on input for a type, and stored as the type itself: the project plan writes `{"type":"streak","days":7}`. */
const TYPE_ALIASES: Record<string, LeafCondition['type']> = { streak: 'consecutive_days' };

const ConditionNode: z.ZodType<BadgeCondition> = z
  .discriminatedUnion(
    'type',
    [
      XpCondition,
      AttemptCountCondition,
      ConsecutiveDaysCondition,
      LevelCondition,
      DifficultyCountCondition,
      PerfectScoresCondition,
      TagCountCondition,
      composite('all'),
      composite('any'),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? `Missing or unknown condition type; expected one of ${typeNames}` : undefined) },
  )
  .openapi('BadgeCondition', {
    description: `A badge condition: one of ${typeNames} (\`streak\` is accepted as another name for consecutive_days and stored as it). Composites take 1–${MAX_CHILDREN} children, nested at most ${MAX_CONDITION_DEPTH} deep.`,
    example: { type: 'any', of: [{ type: 'tag_count', tag: 'sql', count: 2 }, { type: 'difficulty_count', difficulty: 'hard', count: 1 }] },
  });

/**
 * Walks the raw input before the union parses it, so nesting deeper than MAX_CONDITION_DEPTH is
 * reported at the first node too deep (e.g. `of.0.of.0.of.0.of.0`) and never recursed into further.
 */
function rejectTooDeep(input: unknown, ctx: z.RefinementCtx): unknown {
  const visit = (node: unknown, path: (string | number)[]): boolean => {
    if (path.length / 2 + 1 > MAX_CONDITION_DEPTH) {
      ctx.addIssue({ code: 'custom', path, message: `Conditions nest at most ${MAX_CONDITION_DEPTH} levels deep` });
      return false;
    }
    if (typeof node !== 'object' || node === null || !('of' in node) || !Array.isArray(node.of)) return true;
    return node.of.slice(0, MAX_CHILDREN).every((child, i) => visit(child, [...path, 'of', i]));
  };
  visit(input, []);
  return input;
}

/**
 * A copy of the raw input with aliased types renamed (`streak` → `consecutive_days`), down to the
 * deepest level allowed: anything deeper is refused by rejectTooDeep anyway.
 */
function resolveAliases(node: unknown, depth = 1): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node) || depth > MAX_CONDITION_DEPTH) return node;
  const copy: Record<string, unknown> = { ...node };
  if (typeof copy.type === 'string' && Object.hasOwn(TYPE_ALIASES, copy.type)) copy.type = TYPE_ALIASES[copy.type];
  if (Array.isArray(copy.of)) copy.of = copy.of.map((child) => resolveAliases(child, depth + 1));
  return copy;
}

/** The validated condition language; the parsed object is what gets stored. */
export const BadgeConditionSchema = z.preprocess((input, ctx) => rejectTooDeep(resolveAliases(input), ctx), ConditionNode);

/** The union itself, for response documentation (stored conditions were validated on the way in). */
export const BadgeConditionNodeSchema = ConditionNode;

const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${fmt(n)} ${n === 1 ? one : many}`;

/** Human-readable text for a condition, e.g. "Earn 500 XP" or "Any of: Pass 2 challenges tagged sql; …". */
export function describeCondition(condition: BadgeCondition): string {
  switch (condition.type) {
    case 'xp':
      return `Earn ${fmt(condition.threshold)} XP`;
    case 'attempt_count':
      if (condition.count === 1) return 'Pass a challenge';
      return condition.distinct ? `Pass ${fmt(condition.count)} different challenges` : `Pass challenges ${fmt(condition.count)} times`;
    case 'consecutive_days':
      return condition.days === 1 ? 'Pass a challenge on 1 day' : `Pass a challenge on ${fmt(condition.days)} consecutive days`;
    case 'level':
      return `Reach level ${fmt(condition.level)}`;
    case 'difficulty_count':
      return `Pass ${plural(condition.count, `${condition.difficulty} challenge`, `${condition.difficulty} challenges`)}`;
    case 'perfect_scores':
      return `Score 100 on ${plural(condition.count, 'challenge', 'challenges')}`;
    case 'tag_count':
      return `Pass ${plural(condition.count, 'challenge', 'challenges')} tagged ${condition.tag}`;
    case 'all':
    case 'any': {
      const parts = condition.of.map((child) => (child.type === 'all' || child.type === 'any' ? `(${describeCondition(child)})` : describeCondition(child)));
      return `${condition.type === 'all' ? 'All' : 'Any'} of: ${parts.join('; ')}`;
    }
  }
}

/**
 * What the award pipeline knows about a player, computed from Postgres. Counts of challenges are of
 * DISTINCT challenges (resubmitting one challenge never counts twice) except `passedAttempts`.
 */
export interface PlayerStats {
  totalXp: number;
  level: number;
  /** Passed attempts, repeats included (attempt_count without `distinct`). */
  passedAttempts: number;
  /** Distinct challenges passed (attempt_count with `distinct: true`). */
  distinctPassedChallenges: number;
  /** Distinct challenges with a score of 100. */
  perfectScores: number;
  /** Longest run of consecutive calendar days, in the player's timezone, with at least one pass. */
  streakDays: number;
  /** Distinct challenges passed, by difficulty. */
  passedByDifficulty: Record<Difficulty, number>;
  /** Distinct challenges passed, by tag; missing tags count 0. */
  passedByTag: Record<string, number>;
}

export interface ConditionProgress {
  met: boolean;
  /** Progress toward `target`, never above it (a progress bar reads "3 of 10", not "12 of 10"). */
  current: number;
  target: number;
}

function leafValue(condition: LeafCondition, stats: PlayerStats): [current: number, target: number] {
  switch (condition.type) {
    case 'xp':
      return [stats.totalXp, condition.threshold];
    case 'attempt_count':
      return [condition.distinct ? stats.distinctPassedChallenges : stats.passedAttempts, condition.count];
    case 'consecutive_days':
      return [stats.streakDays, condition.days];
    case 'level':
      return [stats.level, condition.level];
    case 'difficulty_count':
      return [stats.passedByDifficulty[condition.difficulty] ?? 0, condition.count];
    case 'perfect_scores':
      return [stats.perfectScores, condition.count];
    case 'tag_count':
      // hasOwn: a tag like "constructor" must not read Object.prototype.
      return [Object.hasOwn(stats.passedByTag, condition.tag) ? (stats.passedByTag[condition.tag] ?? 0) : 0, condition.count];
  }
}

const ratio = (p: ConditionProgress) => p.current / p.target;

/**
 * Pure evaluation. `all`: met when every child is met; current/target count the children met.
 * `any`: met when one child is met; current/target are those of the child closest to done.
 */
export function evaluateCondition(condition: BadgeCondition, stats: PlayerStats): ConditionProgress {
  if (condition.type === 'all' || condition.type === 'any') {
    const children = condition.of.map((child) => evaluateCondition(child, stats));
    if (condition.type === 'all') {
      const metCount = children.filter((child) => child.met).length;
      return { met: metCount === children.length, current: metCount, target: children.length };
    }
    const best = children.reduce((a, b) => (b.met && !a.met) || ratio(b) > ratio(a) ? b : a);
    return { ...best };
  }
  const [raw, target] = leafValue(condition, stats);
  const current = Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : 0;
  return { met: current >= target, current: Math.min(current, target), target };
}
