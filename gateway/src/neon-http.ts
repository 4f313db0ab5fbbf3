import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { createPostgresPools, loginFromConnectionString, NeonHttpError } from './neon-http-pools.ts';
import { beginStatement, runStatement, runTransaction, type Statement } from './neon-http-query.ts';
import type { PostgresTarget } from './neon-proxy.ts';
import { readBody } from './read-body.ts';

export interface NeonHttpOptions {
  /** Called once per accepted request, i.e. per round trip, with how many statements it carries. */
  onPgHttpQuery?: (statements: number) => void;
}

const MAX_RESPONSE_BYTES = 10 * 1024 * 1024; // Neon's limit too: a query that is too big here is too big there
// Every field Neon sends (null when Postgres left it out); the driver copies them onto NeonDbError.
const PG_ERROR_FIELDS = [
  ...['code', 'severity', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where'],
  ...['schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'],
] as const;

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

function parseStatement(raw: unknown): Statement {
  const { query, params = [], arrayMode } = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof query !== 'string') throw new NeonHttpError(400, 'each query needs a string "query"');
  if (!Array.isArray(params)) throw new NeonHttpError(400, '"params" must be an array');
  if (arrayMode !== undefined && typeof arrayMode !== 'boolean') throw new NeonHttpError(400, '"arrayMode" must be a boolean');
  return { query, params, arrayMode };
}

/** `{query, params}` for one statement, `{queries: [...]}` for a transaction. */
function parsePayload(body: Buffer): Statement | Statement[] {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch {
    throw new NeonHttpError(400, 'request body is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || !('queries' in raw)) return parseStatement(raw);
  if (!Array.isArray(raw.queries)) throw new NeonHttpError(400, '"queries" must be an array');
  return raw.queries.map(parseStatement);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  let text = JSON.stringify(body);
  if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) {
    status = 507;
    text = JSON.stringify({ message: `response is too large (max is ${MAX_RESPONSE_BYTES} bytes)` });
  }
  res.writeHead(status, { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) });
  res.end(text);
}

/** Neon's error shapes: 400 with the Postgres fields for anything Postgres said, 500 for the rest. */
function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof NeonHttpError) return send(res, err.status, { message: err.message });
  if (err instanceof pg.DatabaseError) {
    return send(res, 400, Object.fromEntries([['message', err.message], ...PG_ERROR_FIELDS.map((f) => [f, err[f] ?? null])]));
  }
  // Postgres unreachable or gone mid-query: the driver raises "Server error (HTTP status 500): <body>".
  const message = err instanceof Error ? err.message : String(err);
  console.error(JSON.stringify({ level: 'error', msg: 'neon http', error: message }));
  send(res, 500, { message });
}

/**
 * Neon's HTTP query protocol (`neon()` from @neondatabase/serverless): POST /sql, one request
 * per query or per non-interactive transaction. Values go out as Postgres text.
 *
 * No bearer token: the driver only sends Authorization for JWT auth (`authToken`). Like /v2, the
 * password in the connection string goes to Postgres, which decides. Requests with an Origin
 * header are refused, so no web page (not even one DNS-rebound to localhost) can reach it.
 */
export function createNeonHttpHandler(target: PostgresTarget, options: NeonHttpOptions = {}) {
  const pools = createPostgresPools(target);

  async function execute(req: IncomingMessage): Promise<unknown> {
    if (req.method !== 'POST') throw new NeonHttpError(405, 'use POST');
    if (req.headers.origin !== undefined) throw new NeonHttpError(403, 'browser requests are refused');
    if (header(req.headers, 'neon-raw-text-output') !== 'true') {
      throw new NeonHttpError(400, 'only Neon-Raw-Text-Output: true is supported (neon() always sends it)');
    }
    const login = loginFromConnectionString(header(req.headers, 'neon-connection-string'));
    const arrayMode = header(req.headers, 'neon-array-mode') === 'true';
    const begin = beginStatement({
      isolationLevel: header(req.headers, 'neon-batch-isolation-level'),
      readOnly: header(req.headers, 'neon-batch-read-only') === 'true',
      deferrable: header(req.headers, 'neon-batch-deferrable') === 'true',
    });
    const body = await readBody(req);
    if (body === undefined) throw new NeonHttpError(413, 'request body exceeds 10 MB');
    const payload = parsePayload(body);
    options.onPgHttpQuery?.(Array.isArray(payload) ? payload.length : 1);

    const client = await pools.connect(login);
    let failure: unknown;
    try {
      if (Array.isArray(payload)) return await runTransaction(client, payload, arrayMode, begin);
      return await runStatement(client, payload, payload.arrayMode ?? arrayMode);
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      // Neon's rule: a session not back to idle (a lone BEGIN, a failed ROLLBACK, a broken socket) is discarded.
      const broken = (failure !== undefined && !(failure instanceof pg.DatabaseError)) || client.getTransactionStatus() !== 'I';
      client.release(broken);
    }
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      try {
        send(res, 200, await execute(req));
      } catch (err) {
        sendError(res, err);
      }
    },
    close: () => pools.close(),
  };
}
