/**
 * Stryker's survivors that are accepted, keyed as summary.ts's survivorKey() writes them
 * (`file:line:mutator:replacement`), with the reason each can't or shouldn't be killed.
 * A survivor missing here shows as "not explained" in reports/mutation/README.md.
 */
const LEVEL_NUDGE =
  'Equivalent for every total the int4 column holds: the two nudge loops guard against `Math.sqrt` landing under an exact square, ' +
  'which never happens for integers below 2^53 (test/unit/levels.test.ts checks every level boundary up to 2^31 − 1), so their bodies never run.';
const TIMEZONE_GUARD =
  'Equivalent in this runtime: the ICU data already refuses empty names and every name over 64 characters (the longest IANA name has 32), ' +
  'and its only accepted non-names are offsets (`+14:00`), which contain no letter at all and canonicalise to offsets.';

const FORMATTER_CACHE =
  'Equivalent in behaviour: only the per-timezone formatter cache is bypassed, cleared more often or left unbounded; ' +
  'every formatter of a zone formats the same day (the cache saves the ~58 µs of building one).';

export const acceptedSurvivors: Record<string, string> = {
  'src/domain/status-list.ts:20:ConditionalExpression:false':
    'Equivalent: a negative index reads a negative subscript (index >> 3 < 0), which is undefined, so the first test already throws.',
  'src/domain/top-n-changes.ts:27:ArithmeticOperator:a.order + b.order':
    'Equivalent in V8: `order` already follows the array, and its TimSort reads a tie answered "greater" as an ascending run, ' +
    'so ties keep their order (checked by hand with 2 and with 100 tied players).',
  'src/domain/badge-conditions.ts:200:EqualityOperator:raw >= 0': 'Equivalent: a raw value of 0 floors to 0, the value the other branch gives.',
  'src/domain/badge-conditions.ts:196:ConditionalExpression:false':
    'Equivalent: every target is at least 1 (the schema), so a met child has ratio 1 and an unmet one less: ratio alone already prefers the met child.',
  'src/domain/achievement-criteria.ts:15:MethodExpression:narrate(child, depth + 1).trimEnd()':
    'Equivalent: narrate() starts every line it returns with its own text, never with whitespace, and ends none with whitespace.',
  'src/domain/webhook-url.ts:18:Regex:/\\[|\\]$/g': 'Equivalent: URL.hostname brackets an IPv6 address at both ends and nowhere else.',
  'src/domain/webhook-url.ts:18:Regex:/^\\[|\\]/g': 'Equivalent: URL.hostname brackets an IPv6 address at both ends and nowhere else.',
  'src/domain/webhook-url.ts:31:ConditionalExpression:false': 'Equivalent: `localhost` has no dot, and the last clause refuses every name without one.',
  'src/domain/webhook-url.ts:31:StringLiteral:""': 'Equivalent: `localhost` has no dot, and the last clause refuses every name without one.',
  'src/domain/webhook-url.ts:39:Regex:/^::ffff:(\\d+\\.\\d+\\.\\d+\\.\\d+)/':
    'Equivalent for every host URL produces: nothing follows the dotted IPv4 of a mapped address (and URL rewrites those to hex first).',
  'src/domain/webhook-url.ts:40:ArrayDeclaration:[]': 'Equivalent: the fallback for an unreadable mapped address is 0.0.0.0, and [] reads as a = 0 as well: internal either way.',
  'src/domain/webhook-url.ts:43:StringLiteral:""': 'Equivalent: parseInt of an empty group is NaN, and NaN & mask is 0, as parseInt(\'0\') gives.',
  'src/domain/streaks.ts:90:ConditionalExpression:true': FORMATTER_CACHE,
  'src/domain/streaks.ts:92:ConditionalExpression:true': FORMATTER_CACHE,
  'src/domain/streaks.ts:92:ConditionalExpression:false': FORMATTER_CACHE,
  'src/domain/streaks.ts:92:EqualityOperator:dayFormatters.size > MAX_FORMATTERS': FORMATTER_CACHE,
  'src/domain/streaks.ts:92:EqualityOperator:dayFormatters.size < MAX_FORMATTERS': FORMATTER_CACHE,
  'src/domain/streaks.ts:93:CallExpression:;': FORMATTER_CACHE,
  'src/domain/constant-time.ts:7:EqualityOperator:i <= x.length':
    'Equivalent: one step past the end XORs `undefined ?? 0` with `undefined ?? 0`, which adds nothing to `diff`.',
  'src/domain/levels.ts:3:EqualityOperator:totalXp <= 0': 'Equivalent: 0 XP is level 1 by the formula as well as by the early return.',
  'src/domain/levels.ts:6:UpdateOperator:level--': LEVEL_NUDGE,
  'src/domain/levels.ts:6:ConditionalExpression:false': LEVEL_NUDGE,
  'src/domain/levels.ts:6:EqualityOperator:xpForLevel(level + 1) < totalXp': LEVEL_NUDGE,
  'src/domain/levels.ts:6:ArithmeticOperator:level - 1': LEVEL_NUDGE,
  'src/domain/levels.ts:7:ConditionalExpression:false': LEVEL_NUDGE,
  'src/domain/levels.ts:7:UpdateOperator:level++': LEVEL_NUDGE,
  'src/domain/levels.ts:7:ConditionalExpression:true': LEVEL_NUDGE,
  'src/domain/levels.ts:7:EqualityOperator:level >= 1': LEVEL_NUDGE,
  'src/domain/levels.ts:7:EqualityOperator:level <= 1': LEVEL_NUDGE,
  'src/domain/streaks.ts:23:ConditionalExpression:true':
    'Equivalent: at i = 0 the comparison is with day 0 + 1, and a run that "continues" from 0 is 0 + 1 = 1, the value it is reset to anyway.',
  'src/domain/streaks.ts:23:EqualityOperator:i >= 0':
    'Equivalent: at i = 0 the comparison is with day 0 + 1, and a run that "continues" from 0 is 0 + 1 = 1, the value it is reset to anyway.',
  'src/domain/window-totals.ts:23:EqualityOperator:total.reachedAt >= reached':
    'Equivalent: when the two times are equal either one is the same instant.',
  'src/auth/access-token.ts:14:ConditionalExpression:true': 'Equivalent in behaviour: only the per-secret key cache is bypassed (the key is encoded again).',
  'src/auth/access-token.ts:16:CallExpression:;': 'Equivalent in behaviour: only the per-secret key cache is bypassed (the key is encoded again).',
  'src/domain/timezone.ts:3:Regex:/[A-Za-z]/': TIMEZONE_GUARD,
  'src/domain/timezone.ts:12:ConditionalExpression:false': TIMEZONE_GUARD,
  'src/domain/timezone.ts:12:LogicalOperator:!zone && zone.length > 64': TIMEZONE_GUARD,
  'src/domain/timezone.ts:12:EqualityOperator:zone.length >= 64': TIMEZONE_GUARD,
  'src/domain/timezone.ts:19:LogicalOperator:IANA_NAME.test(zone) || IANA_NAME.test(canonical)': TIMEZONE_GUARD,
  'src/domain/badge-conditions.ts:41:MethodExpression:z.array(ConditionNode).min(1).min(MAX_CHILDREN)':
    'Killed by five tests of test/unit/badge-conditions.test.ts when applied by hand (checked); Stryker misses it because zod evaluates the ' +
    '`of` getter once and caches it, so per-test coverage credits only the first test that touched it.',
  'src/domain/badge-conditions.ts:41:MethodExpression:z.array(ConditionNode).max(1)':
    'Killed by "accepts any of two" when applied by hand; missed by Stryker for the same reason as the mutant above (a cached lazy getter).',
  'src/domain/badge-conditions.ts:182:ConditionalExpression:false':
    'Equivalent: a met child has current = target (ratio 1) and an unmet one a ratio below 1 (targets are ≥ 1), so "met beats unmet" already follows from the ratio.',
  'src/domain/badge-conditions.ts:186:EqualityOperator:raw >= 0': 'Equivalent: a raw value of 0 floors to 0 either way.',
};
