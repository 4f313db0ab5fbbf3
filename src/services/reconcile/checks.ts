import { badgeCheck } from './badge-check';
import { leaderboardCheck } from './board-check';
import { levelCheck, xpTotalCheck } from './ledger-checks';
import { statsChecks } from './stats-checks';
import type { ReconcileCheck } from './types';

/**
 * Every check a reconciliation runs, in order: what the award keeps before what is read from it (the
 * boards and the badges read the kept totals and stats). A new derived store gets its check here.
 */
export const reconcileChecks: readonly ReconcileCheck[] = [xpTotalCheck, levelCheck, ...statsChecks, leaderboardCheck, badgeCheck];
