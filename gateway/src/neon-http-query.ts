import type pg from 'pg';
import { NeonHttpError } from './neon-http-pools.ts';

export interface Statement {
  query: string;
  params: unknown[];
  arrayMode: boolean | undefined;
}

export interface TransactionOptions {
  isolationLevel: string | undefined;
  readOnly: boolean;
  deferrable: boolean;
}

/** One result as Neon writes it (and as `fullResults: true` hands it to the caller). */
export interface NeonResult {
  rowAsArray: boolean;
  fields: Array<Omit<pg.FieldDef, 'format'> & { format: 'text' }>;
  rows: unknown[];
  command: string;
  rowCount: number | null;
}

const ISOLATION_LEVELS: Record<string, string> = {
  Serializable: 'SERIALIZABLE',
  RepeatableRead: 'REPEATABLE READ',
  ReadCommitted: 'READ COMMITTED',
  ReadUncommitted: 'READ UNCOMMITTED',
};

/** Neon's Neon-Batch-* headers as a BEGIN; checked up front, as Neon does, even for a single query. */
export function beginStatement({ isolationLevel, readOnly, deferrable }: TransactionOptions): string {
  let sql = 'BEGIN';
  if (isolationLevel !== undefined) {
    const level = ISOLATION_LEVELS[isolationLevel];
    if (level === undefined) throw new NeonHttpError(400, 'invalid isolation level');
    sql += ` ISOLATION LEVEL ${level}`;
  }
  if (readOnly) sql += ' READ ONLY';
  if (deferrable) sql += ' DEFERRABLE';
  return sql;
}

/**
 * Always the extended protocol, as Neon's proxy uses: one statement per query, so
 * `select 1; select 2` fails here (42601) just as it does in production.
 * JSON params go through pg's own conversion (arrays → Postgres array literals, objects → JSON).
 */
export async function runStatement(client: pg.PoolClient, statement: Statement, arrayMode: boolean): Promise<NeonResult> {
  const config = {
    text: statement.query,
    values: statement.params,
    rowMode: arrayMode ? 'array' : undefined,
    queryMode: 'extended',
  };
  const result = await client.query(config as pg.QueryConfig);
  return {
    rowAsArray: arrayMode,
    fields: result.fields.map((f) => ({
      name: f.name,
      dataTypeID: f.dataTypeID,
      tableID: f.tableID,
      columnID: f.columnID,
      dataTypeSize: f.dataTypeSize,
      dataTypeModifier: f.dataTypeModifier,
      format: 'text',
    })),
    rows: result.rows,
    command: result.command ?? '',
    rowCount: result.rowCount,
  };
}

/** A `sql.transaction([...])` batch: all statements or none. */
export async function runTransaction(
  client: pg.PoolClient,
  statements: Statement[],
  defaultArrayMode: boolean,
  begin: string,
): Promise<{ results: NeonResult[] }> {
  await client.query(begin);
  try {
    const results: NeonResult[] = [];
    for (const statement of statements) results.push(await runStatement(client, statement, statement.arrayMode ?? defaultArrayMode));
    await client.query('COMMIT');
    return { results };
  } catch (err) {
    // A failed ROLLBACK leaves the session outside 'idle', so the caller discards it.
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
