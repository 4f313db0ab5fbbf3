import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Config } from '../lib/config';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>>;
export type DbTransaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The pool or a transaction on it: what queries that may run inside a caller's transaction take. */
export type DbExecutor = Database | DbTransaction;

export interface DbHandle {
  db: Database;
  pool: Pool;
  close(): Promise<void>;
}

/**
 * A Pool lives for one request or one queue batch (Workers can't share sockets across requests).
 * With NEON_WS_PROXY set (local dev and tests) the driver speaks plain ws:// to the local gateway;
 * in production it goes straight to Neon over wss://.
 */
export function createDb(config: Pick<Config, 'DATABASE_URL' | 'NEON_WS_PROXY'>): DbHandle {
  if (config.NEON_WS_PROXY) {
    const proxy = config.NEON_WS_PROXY;
    neonConfig.wsProxy = () => proxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 5, connectionTimeoutMillis: 5_000 });
  // An idle client's socket error must not become an unhandled rejection that kills the isolate.
  pool.on('error', () => {});
  const db = drizzle({ client: pool, schema });
  let closed: Promise<void> | undefined;
  return { db, pool, close: () => (closed ??= pool.end()) };
}
