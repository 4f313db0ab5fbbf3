/**
 * Round-trip and statement counters, so tests and the benchmark can count how often the worker
 * talks to Postgres and Redis instead of inferring it from timings. Local gateway only.
 */
export type ConnectionKind = 'pg' | 'redis';

export interface ConnectionStats {
  id: number;
  kind: ConnectionKind;
  /** pg: the startup message's application_name (a test can tell its own connections apart); redis: null. */
  application_name: string | null;
  opened_at: string;
  closed_at: string | null;
  /** pg: Sync + simple Query messages; redis: HTTP requests on this socket. */
  round_trips: number;
  /** pg: Parse + simple Query messages. */
  statements: number;
  /** redis: commands, k for a pipeline or transaction of k. */
  commands: number;
}

export interface TotalStats {
  pg_connections: number;
  pg_round_trips: number;
  pg_statements: number;
  redis_requests: number;
  redis_commands: number;
}

export interface StatsSnapshot {
  total: TotalStats;
  connections: ConnectionStats[];
}

const KEPT_CONNECTIONS = 1000;

const zeroTotals = (): TotalStats => ({
  pg_connections: 0,
  pg_round_trips: 0,
  pg_statements: 0,
  redis_requests: 0,
  redis_commands: 0,
});

export function createStats() {
  let total = zeroTotals();
  let connections: ConnectionStats[] = [];
  let nextId = 1; // never reset, so an id always names one connection

  return {
    open(kind: ConnectionKind): ConnectionStats {
      const connection: ConnectionStats = {
        id: nextId++,
        kind,
        application_name: null,
        opened_at: new Date().toISOString(),
        closed_at: null,
        round_trips: 0,
        statements: 0,
        commands: 0,
      };
      connections.push(connection);
      if (connections.length > KEPT_CONNECTIONS) connections.shift();
      if (kind === 'pg') total.pg_connections++;
      return connection;
    },
    name(connection: ConnectionStats, applicationName: string | null): void {
      connection.application_name = applicationName;
    },
    close(connection: ConnectionStats): void {
      connection.closed_at ??= new Date().toISOString();
    },
    pgRoundTrip(connection: ConnectionStats): void {
      connection.round_trips++;
      total.pg_round_trips++;
    },
    pgStatement(connection: ConnectionStats): void {
      connection.statements++;
      total.pg_statements++;
    },
    redisRequest(connection: ConnectionStats): void {
      connection.round_trips++;
      total.redis_requests++;
    },
    redisCommands(connection: ConnectionStats, count: number): void {
      connection.commands += count;
      total.redis_commands += count;
    },
    /** One Neon HTTP query (`POST /sql`): one round trip, no connection of its own. */
    countPgHttpQuery(statements: number): void {
      total.pg_round_trips++;
      total.pg_statements += statements;
    },
    snapshot(): StatsSnapshot {
      return { total: { ...total }, connections: connections.map((c) => ({ ...c })) };
    },
    /** Zeroes the totals; closed connections are forgotten, open ones stay listed with zeroed counters. */
    reset(): void {
      total = zeroTotals();
      connections = connections.filter((c) => c.closed_at === null);
      for (const c of connections) c.round_trips = c.statements = c.commands = 0;
    },
  };
}

export type GatewayStats = ReturnType<typeof createStats>;
