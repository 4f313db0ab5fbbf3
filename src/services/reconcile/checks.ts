import { badgeCheck } from './badge-check';
import { leaderboardCheck } from './board-check';
import { levelCheck, xpTotalCheck } from './ledger-checks';
import type { ReconcileCheck } from './types';

/** Every check a reconciliation runs, in order. A new derived store gets its check here. */
export const reconcileChecks: readonly ReconcileCheck[] = [xpTotalCheck, levelCheck, leaderboardCheck, badgeCheck];
