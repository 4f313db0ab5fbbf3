import { AppError } from '../lib/app-error';

interface PgErrorFields {
  code: string;
  constraint?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Walks an error and its causes (drizzle's DrizzleQueryError keeps the driver's error as `cause`)
 * and returns the first value `pick` finds.
 */
export function findInCauses<T>(err: unknown, pick: (error: { code?: unknown; message?: unknown; constraint?: unknown }) => T | undefined): T | undefined {
  let current = err;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const found = pick(current as { code?: unknown; message?: unknown; constraint?: unknown });
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The Postgres error (SQLSTATE and constraint) under drizzle's wrapper. */
export function pgError(err: unknown): PgErrorFields | undefined {
  return findInCauses(err, ({ code, constraint }) =>
    typeof code === 'string' && SQLSTATE.test(code) ? { code, constraint: typeof constraint === 'string' ? constraint : undefined } : undefined,
  );
}

export function isForeignKeyViolation(err: unknown): boolean {
  return pgError(err)?.code === '23503';
}

export interface UniqueConflict {
  message: string;
  details?: unknown;
}

/**
 * The unique indexes are the truth (concurrent writes can both pass any pre-check): a unique
 * violation of one of `conflicts`' constraints becomes its 409; anything else is undefined.
 */
export function uniqueConflict(err: unknown, conflicts: Record<string, UniqueConflict>): AppError | undefined {
  const pg = pgError(err);
  const conflict = pg?.code === '23505' && pg.constraint ? conflicts[pg.constraint] : undefined;
  return conflict && new AppError({ code: 'conflict', ...conflict, cause: err });
}
