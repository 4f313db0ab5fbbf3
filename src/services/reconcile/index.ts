import { sql } from 'drizzle-orm';
import { reconcileChecks } from './checks';
import type { Carry, Difference, ReconcileCheck, ReconcileDeps } from './types';

export type { Difference, ReconcileCheck, ReconcileDeps } from './types';
export { reconcileChecks } from './checks';

/** Where a pass stands between pages: keyset by user id, one instant for every page, the checks' counts. */
export interface ReconcileProgress {
  after: string | null;
  at: string;
  carry: Record<string, Carry>;
}

export interface ReconcilePage {
  checkedPlayers: number;
  differences: Difference[];
  /** Null when this page was the last one (and the whole-pass checks ran). */
  next: ReconcileProgress | null;
}

export function startReconcile(now = new Date()): ReconcileProgress {
  return { after: null, at: now.toISOString(), carry: {} };
}

/**
 * Read-only: runs every check on the next `batchSize` players (by id) and, on the last page, the
 * whole-pass checks. Nothing is repaired here; POST /admin/recalc-xp repairs.
 */
export async function reconcilePage(
  deps: ReconcileDeps,
  progress: ReconcileProgress,
  { batchSize = 500, checks = reconcileChecks }: { batchSize?: number; checks?: readonly ReconcileCheck[] } = {},
): Promise<ReconcilePage> {
  const at = new Date(progress.at);
  const after = progress.after ?? '00000000-0000-0000-0000-000000000000';
  const players = await deps.db.execute(sql`
    select id from users where id > ${after}::uuid order by id limit ${batchSize}`);
  const userIds = (players.rows as { id: string }[]).map((row) => row.id);
  const carry = structuredClone(progress.carry);
  // The checks of a batch read independently of each other: run them at once (the pool has connections to spare).
  const found = await Promise.all(checks.map((check) => check.batch(deps, { userIds, at }, (carry[check.name] ??= {}))));
  const differences: Difference[] = found.flat();
  const last = userIds.at(-1);
  if (userIds.length === batchSize && last) {
    return { checkedPlayers: userIds.length, differences, next: { after: last, at: progress.at, carry } };
  }
  for (const check of checks) {
    if (check.finish) differences.push(...(await check.finish(deps, at, carry[check.name] ?? {})));
  }
  return { checkedPlayers: userIds.length, differences, next: null };
}

/** A whole pass, page by page (the script). */
export async function reconcileAll(
  deps: ReconcileDeps,
  { batchSize, checks }: { batchSize?: number; checks?: readonly ReconcileCheck[] } = {},
): Promise<{ checkedPlayers: number; differences: Difference[] }> {
  let progress: ReconcileProgress | null = startReconcile();
  let checkedPlayers = 0;
  const differences: Difference[] = [];
  while (progress) {
    const page: ReconcilePage = await reconcilePage(deps, progress, { batchSize, checks });
    checkedPlayers += page.checkedPlayers;
    differences.push(...page.differences);
    progress = page.next;
  }
  return { checkedPlayers, differences };
}
