import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzlePool } from 'drizzle-orm/neon-serverless';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/** What a raw `execute()` returns with either driver: its rows. */
interface RowsResult<T> {
  rows: T[];
}
interface RowsResultHKT extends PgQueryResultHKT {
  type: RowsResult<this['row']>;
}

/** Queries that run with either driver: the one-round-trip HTTP one, or a pooled connection. */
export type Database = PgDatabase<RowsResultHKT, typeof schema>;
/** A pooled WebSocket connection: interactive transactions (row locks, read-then-write). */
export type TransactionalDatabase = ReturnType<typeof drizzlePool<typeof schema>>;
export type DbTransaction = Parameters<Parameters<TransactionalDatabase['transaction']>[0]>[0];
/** The database or a transaction on it: what queries that may run inside a caller's transaction take. */
export type DbExecutor = Database | DbTransaction;

export interface DbHandle {
  db: TransactionalDatabase;
  pool: Pool;
  close(): Promise<void>;
}

/** Config's connection settings, spelled out: Node tools (scripts/reconcile.ts) use this client without the worker's Env. */
interface DbConfig {
  DATABASE_URL: string;
  NEON_WS_PROXY: string;
}

/**
 * With NEON_WS_PROXY set (local dev and tests) the driver speaks plain ws:// and http:// to the
 * local gateway (`host:port/v2?token=…` for WebSockets, `host:port/sql` for HTTP queries); in
 * production it goes straight to Neon over wss:// and https://. The function form of wsProxy is used
 * verbatim, so the gateway token in its query string reaches the gateway.
 */
function configureLocalGateway({ NEON_WS_PROXY: proxy }: DbConfig): void {
  if (!proxy) return;
  neonConfig.wsProxy = () => proxy;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.fetchEndpoint = `http://${proxy.replace(/\/v2(\?.*)?$/, '')}/sql`;
}

/**
 * The database for everything but interactive transactions: each query (or `db.batch([...])`, a
 * non-interactive transaction) is one HTTPS round trip, with no connection to open first.
 */
export function createHttpDb(config: DbConfig): Database {
  configureLocalGateway(config);
  const key = `${config.DATABASE_URL}\n${config.NEON_WS_PROXY}`;
  let db = httpDbs.get(key);
  if (!db) {
    db = drizzleHttp({ client: neon(config.DATABASE_URL), schema }) as unknown as Database;
    httpDbs.set(key, db);
  }
  return db;
}

/**
 * One HTTP database per connection string for the isolate's life: it holds no socket (each query is a
 * fetch of its own), and building drizzle's schema map for every request cost CPU on every request.
 */
const httpDbs = new Map<string, Database>();

/**
 * A Pool lives for one request or one queue batch (Workers can't share sockets across requests).
 * Opening its connection costs several round trips; use it only for interactive transactions.
 */
export function createDb(config: DbConfig, { max = 5 }: { max?: number } = {}): DbHandle {
  configureLocalGateway(config);
  const pool = new Pool({ connectionString: config.DATABASE_URL, max, connectionTimeoutMillis: 5_000 });
  // An idle client's socket error must not become an unhandled rejection that kills the isolate.
  pool.on('error', () => {});
  const db = drizzlePool({ client: pool, schema });
  let closed: Promise<void> | undefined;
  return { db, pool, close: () => (closed ??= pool.end()) };
}

type Queries = readonly [BatchItem<'pg'>, ...BatchItem<'pg'>[]];

/**
 * Runs independent queries in one round trip: one HTTP request (a non-interactive, read-committed
 * transaction) on Neon's HTTP path; concurrently on a pooled connection.
 */
export function inOneRoundTrip<T extends Queries>(db: Database, queries: T): Promise<BatchResponse<T>> {
  const batch = (db as { batch?: (q: T) => Promise<BatchResponse<T>> }).batch;
  if (typeof batch === 'function') return batch.call(db, queries);
  return Promise.all(queries as unknown as PromiseLike<unknown>[]) as Promise<BatchResponse<T>>;
}
