import { Command, ReplyError, type Redis } from 'ioredis';
import { adaptScriptCommand } from './script-compat.ts';

/** A raw RESP2 reply: bulk strings stay Buffers so binary values survive byte-for-byte. */
export type Reply = Buffer | string | number | null | Error | Reply[];
export type Outcome = { value: Reply } | { error: string };

/** A problem with the request itself (bad shape, refused command): always HTTP 400. */
export class RequestError extends Error {}

// ioredis reshapes some replies by command name (HGETALL -> object, XREAD -> pairs).
// Upstash returns the plain RESP2 shape, so every reply transformer is bypassed.
class RawCommand extends Command {
  override transformReply(result: Buffer | Buffer[]): Buffer | Buffer[] {
    return result;
  }
}

// All HTTP requests share one Redis connection. These commands would change its
// state (db, protocol, subscriber/monitor mode, open transaction), close it, or
// block it for everybody, so they are refused. MULTI/EXEC is offered via /multi-exec.
const REFUSED = new Set([
  'subscribe', 'psubscribe', 'ssubscribe', 'unsubscribe', 'punsubscribe', 'sunsubscribe',
  'monitor', 'select', 'swapdb', 'quit', 'reset', 'hello', 'auth', 'client',
  'multi', 'exec', 'discard', 'watch', 'unwatch',
  'blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop',
  'wait', 'waitaof', 'shutdown', 'sync', 'psync', 'replicaof', 'slaveof', 'failover',
]);

export function refusalReason(args: string[]): string | undefined {
  const name = args[0]!.toLowerCase();
  let refused = REFUSED.has(name);
  if (name === 'xread' || name === 'xreadgroup') {
    const lower = args.map((a) => a.toLowerCase());
    const streams = lower.indexOf('streams');
    refused = lower.slice(1, streams < 0 ? undefined : streams).includes('block');
  }
  return refused ? `ERR command '${args[0]}' is not allowed by the local Upstash gateway` : undefined;
}

/** Upstash bodies are arrays of strings/numbers; Redis wants every argument as a string. */
export function toCommand(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new RequestError('ERR command must be a non-empty JSON array');
  }
  return raw.map((arg) => {
    // Booleans are accepted because @upstash/redis's serializer passes them through as-is.
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    throw new RequestError('ERR command arguments must be strings or numbers');
  });
}

interface Prepared { name: string; args: string[]; replyOverride: string | undefined }

function prepare(command: string[]): Prepared {
  const { args, replyOverride } = adaptScriptCommand(command);
  // The name keeps the caller's spelling so Redis errors quote it exactly as sent.
  return { name: args[0]!, args: args.slice(1), replyOverride };
}

function sendPrepared(redis: Redis, p: Prepared): Promise<Reply> {
  return redis.sendCommand(new RawCommand(p.name, p.args, { replyEncoding: null })) as Promise<Reply>;
}

export async function run(redis: Redis, command: string[]): Promise<Reply> {
  const reason = refusalReason(command);
  if (reason) throw new RequestError(reason);
  const p = prepare(command);
  const reply = await sendPrepared(redis, p);
  return p.replyOverride ?? reply;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Every command runs; a failure only affects its own entry, as on Upstash. */
export async function pipeline(redis: Redis, commands: string[][]): Promise<Outcome[]> {
  const settled = await Promise.allSettled(commands.map((c) => run(redis, c)));
  return settled.map((s) => (s.status === 'fulfilled' ? { value: s.value } : { error: message(s.reason) }));
}

/**
 * MULTI, the commands and EXEC are written in the same tick on the shared
 * connection, so no other request can interleave; Redis then runs them atomically.
 */
export async function multiExec(redis: Redis, commands: string[][]): Promise<Outcome[]> {
  for (const c of commands) {
    const reason = refusalReason(c);
    if (reason) throw new RequestError(reason);
  }
  const prepared = commands.map(prepare);
  const queued = [sendPrepared(redis, prepare(['multi'])), ...prepared.map((p) => sendPrepared(redis, p))];
  const exec = sendPrepared(redis, prepare(['exec']));
  const settled = await Promise.allSettled([...queued, exec]);
  const execResult = settled.at(-1)!;
  if (execResult.status === 'rejected') {
    if (!(execResult.reason instanceof ReplyError)) throw execResult.reason;
    // EXECABORT: a command was rejected while queueing; surface which one.
    const cause = settled.find((s) => s.status === 'rejected' && s !== execResult);
    const detail = cause?.status === 'rejected' ? ` ${message(cause.reason)}` : '';
    throw new RequestError(`${message(execResult.reason)}${detail}`);
  }
  const replies = execResult.value as Reply[];
  return replies.map((r, i) =>
    r instanceof Error ? { error: r.message } : { value: prepared[i]!.replyOverride ?? r },
  );
}

/** Redis error replies and our own refusals are client errors; anything else is the gateway's. */
export const isClientError = (err: unknown): boolean => err instanceof RequestError || err instanceof ReplyError;
