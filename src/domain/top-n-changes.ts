/**
 * Who entered and who left the top N after a batch of awards. Totals only grow, so everyone in the top N
 * before is in the top N + k after (k = the players whose totals changed): the board after, read that
 * deep, and the changed players' totals before are enough to rebuild the top N before.
 */
export interface BoardEntry {
  userId: string;
  xp: number;
}

export interface TopNChange {
  userId: string;
  change: 'entered' | 'exited';
  rankBefore: number | null;
  rankAfter: number | null;
}

/**
 * `after`: the board's first N + k entries after the awards, best first. `previousXp`: the totals before
 * the awards of the players whose totals changed (0 when they had none). Ties before are ordered as after.
 */
export function topNChanges(after: BoardEntry[], previousXp: Map<string, number>, n: number): TopNChange[] {
  const rankAfter = new Map(after.map((entry, i) => [entry.userId, i + 1]));
  const before = after
    .map((entry, i) => ({ userId: entry.userId, xp: previousXp.get(entry.userId) ?? entry.xp, order: i }))
    .filter((entry) => entry.xp > 0)
    .sort((a, b) => b.xp - a.xp || a.order - b.order);
  const rankBefore = new Map(before.map((entry, i) => [entry.userId, i + 1]));
  const inTop = (rank: number | undefined) => rank !== undefined && rank <= n;
  const changes: TopNChange[] = [];
  for (const entry of after) {
    const was = inTop(rankBefore.get(entry.userId));
    const is = inTop(rankAfter.get(entry.userId));
    if (was === is) continue;
    changes.push({
      userId: entry.userId,
      change: is ? 'entered' : 'exited',
      rankBefore: rankBefore.get(entry.userId) ?? null,
      rankAfter: rankAfter.get(entry.userId) ?? null,
    });
  }
  return changes;
}
