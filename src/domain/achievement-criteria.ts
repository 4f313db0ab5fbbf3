import { describeCondition, type BadgeCondition } from './badge-conditions';

/**
 * The Open Badges `criteria.narrative` of a badge: what a player did to earn it, in Markdown (OB 3.0 allows
 * it there). A leaf condition is one sentence; a composite is a list, nested as the condition nests.
 */
export function criteriaNarrative(condition: BadgeCondition): string {
  return `Awarded by SkillQuest, whose scoring recorded that the player met this condition:\n\n${narrate(condition, 0)}`;
}

function narrate(condition: BadgeCondition, depth: number): string {
  if (condition.type !== 'all' && condition.type !== 'any') return `${describeCondition(condition)}.`;
  const indent = '  '.repeat(depth);
  const heading = condition.type === 'all' ? 'All of the following:' : 'At least one of the following:';
  const items = condition.of.map((child) => `${indent}- ${narrate(child, depth + 1).trimStart()}`);
  return `${heading}\n${items.join('\n')}`;
}
