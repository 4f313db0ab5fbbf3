import { createHash } from 'node:crypto';

// Upstash accepts Lua shebang flags that stock Redis rejects. @upstash/ratelimit
// ships every script with `#!lua flags=allow-key-locking`, which Redis 7 answers
// with "ERR Unexpected flag in script shebang". We strip unknown flags before the
// script reaches Redis and remember original-sha -> rewritten-sha, so the client's
// EVALSHA (computed over the text it knows) still hits the cached rewritten script.
const REDIS_FLAGS = new Set(['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys']);
const SHEBANG = /^#!lua flags=([^\r\n]*)/;
const MAX_MAPPINGS = 10_000;
const shaMap = new Map<string, string>();

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');

function rewriteScript(script: string): string {
  const match = SHEBANG.exec(script);
  if (!match) return script;
  const flags = match[1]!.split(',').map((f) => f.trim()).filter(Boolean);
  const kept = flags.filter((f) => REDIS_FLAGS.has(f));
  if (kept.length === flags.length) return script;
  const rewritten = `#!lua flags=${kept.join(',')}${script.slice(match[0].length)}`;
  if (shaMap.size >= MAX_MAPPINGS) shaMap.clear(); // worst case: one extra NOSCRIPT round trip
  shaMap.set(sha1(script), sha1(rewritten));
  return rewritten;
}

const mapSha = (sha: string): string => shaMap.get(sha.toLowerCase()) ?? sha;

export interface AdaptedCommand {
  args: string[];
  /** Reply to send instead of Redis' own (SCRIPT LOAD must return the sha the client expects). */
  replyOverride?: string;
}

export function adaptScriptCommand(args: string[]): AdaptedCommand {
  const [name = '', first, ...rest] = args;
  const lower = name.toLowerCase();
  if (first === undefined) return { args };
  if (lower === 'eval' || lower === 'eval_ro') return { args: [name, rewriteScript(first), ...rest] };
  if (lower === 'evalsha' || lower === 'evalsha_ro') return { args: [name, mapSha(first), ...rest] };
  if (lower === 'script') {
    const sub = first.toLowerCase();
    if (sub === 'load' && rest.length === 1) {
      return { args: [name, first, rewriteScript(rest[0]!)], replyOverride: sha1(rest[0]!) };
    }
    if (sub === 'exists') return { args: [name, first, ...rest.map(mapSha)] };
  }
  return { args };
}
