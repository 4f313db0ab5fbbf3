import pg from 'pg';
import type { PostgresTarget } from './neon-proxy.ts';

export interface Login {
  user: string;
  password: string | undefined;
  database: string;
}

/** A request the gateway refuses before it reaches Postgres; Neon answers these with 4xx `{message}`. */
export class NeonHttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * User, password and database from the Neon-Connection-String header. Host and port are ignored:
 * every pool dials the gateway's own Postgres, so /sql is no open proxy (like ?address= on /v2).
 */
export function loginFromConnectionString(value: string | undefined): Login {
  if (value === undefined) throw new NeonHttpError(400, 'missing Neon-Connection-String header');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new NeonHttpError(400, 'Neon-Connection-String is not a valid URL');
  }
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!['postgres:', 'postgresql:'].includes(url.protocol) || !url.username || !database) {
    throw new NeonHttpError(400, 'Neon-Connection-String needs a postgresql:// scheme, a user and a database');
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return { user: decodeURIComponent(url.username), password, database };
}

// The driver asks for Neon-Raw-Text-Output and parses values itself from each field's dataTypeID,
// so Postgres' text goes out untouched.
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (text: string) => text };
const MAX_POOLS = 8; // one per (user, password, database); throwaway test databases come and go

/** Small pg pools per login, least recently used closed first. */
export function createPostgresPools(target: PostgresTarget) {
  const pools = new Map<string, pg.Pool>();

  function openPool(login: Login): pg.Pool {
    const pool = new pg.Pool({
      ...target,
      ...login,
      types: RAW_TEXT,
      max: 10,
      idleTimeoutMillis: 10_000, // so idle sessions don't hold a database someone wants to drop
      connectionTimeoutMillis: 10_000,
      application_name: 'gateway /sql',
    });
    pool.on('error', () => {}); // an idle session killed (e.g. DROP DATABASE … WITH (FORCE)): the pool drops it
    // Killed while checked out but between statements: the next query fails instead of the gateway crashing.
    pool.on('connect', (client) => client.on('error', () => {}));
    return pool;
  }

  function poolFor(login: Login): pg.Pool {
    const key = JSON.stringify([login.user, login.password ?? null, login.database]);
    const pool = pools.get(key) ?? openPool(login);
    pools.delete(key);
    pools.set(key, pool); // Map order: least recently used first
    for (const [oldKey, old] of pools) {
      if (pools.size <= MAX_POOLS) break;
      pools.delete(oldKey);
      old.end().catch(() => {});
    }
    return pool;
  }

  return {
    connect: (login: Login): Promise<pg.PoolClient> => poolFor(login).connect(),
    async close(): Promise<void> {
      const ending = [...pools.values()].map((pool) => pool.end());
      pools.clear();
      await Promise.allSettled(ending);
    },
  };
}
