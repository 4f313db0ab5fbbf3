import type { Database } from '../../db/client';
import type { Redis } from '../redis';

/** One thing that disagrees with its source of truth. `user_id` is absent for whole-board findings. */
export interface Difference {
  check: string;
  user_id?: string;
  expected: unknown;
  actual: unknown;
}

/** What the checks read: Postgres (the system of record) and the Redis boards under one key prefix. */
export interface ReconcileDeps {
  db: Database;
  redis: Redis;
  keyPrefix: string;
}

/** A batch of players (ascending ids) and the instant the whole pass looks at (it fixes the windows). */
export interface PlayerBatch {
  userIds: string[];
  at: Date;
}

/** A check's running counts across batches; plain numbers, so they can travel in a page cursor. */
export type Carry = Record<string, number>;

/** One named check. Adding a check is adding an entry to `reconcileChecks` (checks.ts). */
export interface ReconcileCheck {
  readonly name: string;
  /** One line for the script's summary and the README: what is compared with what. */
  readonly description: string;
  /** Differences among one batch of players. */
  batch(deps: ReconcileDeps, batch: PlayerBatch, carry: Carry): Promise<Difference[]>;
  /** After the last batch: what only the whole pass can see (e.g. board members that are no player). */
  finish?(deps: ReconcileDeps, at: Date, carry: Carry): Promise<Difference[]>;
}
