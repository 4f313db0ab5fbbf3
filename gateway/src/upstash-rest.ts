import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { bearerCheck } from './bearer.ts';
import { readBody } from './read-body.ts';
import { isClientError, multiExec, pipeline, RequestError, run, toCommand, type Reply } from './redis-exec.ts';

/**
 * Upstash-Encoding: base64 means every string in the result (status replies such as
 * OK included, nested arrays too) is base64; integers and nulls stay JSON. The
 * @upstash/redis decoder base64-decodes each string and only special-cases a bare "OK",
 * so encoding OK as "T0s=" is equally valid. Without the header strings are UTF-8 text.
 */
export function encodeReply(reply: Reply, base64: boolean): unknown {
  if (reply === null || typeof reply === 'number') return reply;
  if (Array.isArray(reply)) return reply.map((r) => encodeReply(r, base64));
  // An Error nested in an array (e.g. redis.error_reply inside a Lua table) has no
  // Upstash representation; its message is the most useful thing to return.
  const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(reply instanceof Error ? reply.message : reply);
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(body));
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RequestError('ERR failed to parse request body as JSON');
  }
}

function parseCommands(body: Buffer): string[][] {
  const raw = parseJson(body);
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new RequestError('ERR body must be a non-empty JSON array of commands');
  }
  return raw.map(toCommand);
}

/** Path style, e.g. GET /get/key or POST /set/key with the value as the raw body. */
function pathCommand(pathname: string, body: Buffer): string[] {
  let args: string[];
  try {
    args = pathname.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    throw new RequestError('ERR malformed percent-encoding in URL path');
  }
  if (body.length > 0) args.push(body.toString('utf8'));
  return toCommand(args);
}

/** `countCommands` hears how many commands each request carries (k for a pipeline of k). */
export function createUpstashHandler(
  redis: Redis,
  token: string,
  countCommands: (req: IncomingMessage, count: number) => void = () => {},
) {
  const authorized = bearerCheck(token);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (!authorized(req.headers.authorization)) {
        return sendJson(res, 401, { error: 'Unauthorized' });
      }
      const body = await readBody(req);
      if (body === undefined) {
        return sendJson(res, 413, { error: 'ERR request body exceeds 10 MB' }, true);
      }
      const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
      const pathname = new URL(req.url ?? '/', 'http://gateway').pathname.replace(/(.)\/+$/, '$1');
      if (pathname === '/pipeline' || pathname === '/multi-exec') {
        const commands = parseCommands(body);
        countCommands(req, commands.length);
        const outcomes = pathname === '/pipeline' ? await pipeline(redis, commands) : await multiExec(redis, commands);
        return sendJson(res, 200, outcomes.map((o) => ('error' in o ? o : { result: encodeReply(o.value, base64) })));
      }
      const command = pathname === '/' ? toCommand(parseJson(body)) : pathCommand(pathname, body);
      countCommands(req, 1);
      sendJson(res, 200, { result: encodeReply(await run(redis, command), base64) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      sendJson(res, isClientError(err) ? 400 : 500, { error: message });
    }
  };
}
