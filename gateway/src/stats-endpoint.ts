import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayStats } from './stats.ts';

// No Redis command starts with "__", so these paths cannot shadow an Upstash path-style command;
// the server routes them before the Upstash handler all the same.
const STATS_PATH = '/__stats';
const RESET_PATH = '/__stats/reset';

export const isStatsPath = (pathname: string): boolean =>
  pathname === STATS_PATH || pathname.startsWith(`${STATS_PATH}/`);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** `GET /__stats` and `POST /__stats/reset`, behind the gateway's bearer token. Never delayed or counted. */
export function serveStats(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  stats: GatewayStats,
  authorized: (authorization: string | undefined) => boolean,
): void {
  if (!authorized(req.headers.authorization)) return sendJson(res, 401, { error: 'Unauthorized' });
  const allowed = pathname === STATS_PATH ? 'GET' : pathname === RESET_PATH ? 'POST' : undefined;
  if (!allowed) return sendJson(res, 404, { error: `no such stats endpoint: ${pathname}` });
  if (req.method !== allowed) return sendJson(res, 405, { error: `use ${allowed}` }, { allow: allowed });
  if (pathname === RESET_PATH) stats.reset();
  sendJson(res, 200, stats.snapshot());
}
