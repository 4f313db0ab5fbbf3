import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../lib/config';
import { ifNoneMatchHolds, strongEtag } from '../lib/etag';
import { describeError, log } from '../lib/logger';
import type { AppBindings } from '../lib/types';

export interface EdgeCacheOptions {
  /** Seconds an anonymous 200 may be reused, at the edge and by clients; 0 turns the edge cache off. */
  maxAge: (config: Config) => number;
  /** False for a 200 nobody should reuse, e.g. the leaderboard's Postgres fallback while Redis is down. */
  shareable?: (res: Response) => boolean;
}

/** A caller with a token may see more (an admin sees unpublished challenges): never stored, never shared. */
const PRIVATE = 'private, no-store';
/** Cache off or an answer not to share: clients may keep it but must revalidate (the ETag makes that a 304). */
const REVALIDATE = 'no-cache';
/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5), plus our request id. */
const NOT_MODIFIED_HEADERS = ['cache-control', 'etag', 'vary', 'x-request-id'];

/**
 * For public GETs many users share. Every 200 gets a strong ETag, a Cache-Control and `Vary: Authorization`,
 * and an If-None-Match naming the current ETag is a 304. Anonymous 200s are kept in `caches.default` under
 * the full URL for `maxAge` seconds; a hit is answered before auth, validation and the handler run.
 */
export function edgeCache({ maxAge, shareable = () => true }: EdgeCacheOptions) {
  return createMiddleware<AppBindings>(async function serveFromEdgeCache(c, next) {
    const seconds = maxAge(c.var.config);
    const anonymous = c.req.header('Authorization') === undefined;
    const cacheKey = c.req.url;
    if (anonymous && seconds > 0) {
      const hit = await caches.default.match(cacheKey).catch((err: unknown) => {
        log.warn('edge_cache_match_failed', { url: cacheKey, ...describeError(err) });
        return undefined; // a cache that fails is a miss, never an error
      });
      if (hit) return conditional(c, withRequestId(hit, c.var.requestId));
    }
    const sent = keepJsonText(c);
    try {
      await next();
    } finally {
      sent.restore();
    }
    const text = sent.textOf(c.res);
    if (c.res.status !== 200) return; // errors and 404s pass untouched and are never stored

    const share = anonymous && seconds > 0 && shareable(c.res);
    const cacheControl = share ? `public, max-age=${seconds}` : anonymous ? REVALIDATE : PRIVATE;
    const fresh = text === undefined ? await tagged(c.res, cacheControl) : await taggedText(c.res, text, cacheControl);
    if (share) {
      const stored = new Response(text ?? fresh.clone().body, fresh);
      stored.headers.delete('X-Request-Id'); // each hit carries its own
      // CORS headers name this request's origin; CORS adds the right ones to each hit.
      for (const name of [...stored.headers.keys()]) if (name.startsWith('access-control-')) stored.headers.delete(name);
      inBackground(c, caches.default.put(cacheKey, stored));
    }
    c.res = undefined; // replace the response outright instead of merging headers into it
    c.res = conditional(c, fresh);
  });
}

/** Marks the Response our `c.json` made; Hono may copy it into another (when an outer middleware read `c.res`), headers and all. */
const JSON_TEXT_MARK = 'x-skillquest-json-text';

/**
 * Has the handler's `c.json` keep the text it sends, so the ETag is hashed from that string: reading a
 * Response's body back and building a new one costs the worker more than the handler itself (measured
 * with `npm run bench`). `textOf` answers only for the Response that `c.json` made (any status), and unmarks it.
 */
function keepJsonText(c: Context<AppBindings>) {
  let text: string | undefined;
  const json = c.json;
  c.json = ((value: unknown, arg?: number | ResponseInit, headers?: HeadersInit) => {
    text = JSON.stringify(value);
    c.header('Content-Type', 'application/json');
    c.header(JSON_TEXT_MARK, '1');
    return c.body(text, arg as never, headers as never);
  }) as unknown as typeof c.json;
  return {
    /** Puts Hono's own `c.json` back, for whatever answers after this middleware (an outer error handler). */
    restore() {
      c.json = json;
    },
    textOf(res: Response): string | undefined {
      if (!res.headers.has(JSON_TEXT_MARK)) return undefined;
      res.headers.delete(JSON_TEXT_MARK);
      return text;
    },
  };
}

const utf8 = new TextEncoder();

/** The same 200 with its ETag, Cache-Control and Vary set in place: no body is read or copied. */
async function taggedText(res: Response, text: string, cacheControl: string): Promise<Response> {
  res.headers.set('ETag', await strongEtag(utf8.encode(text)));
  res.headers.set('Cache-Control', cacheControl);
  res.headers.append('Vary', 'Authorization');
  return res;
}

/** The fallback for a 200 that `c.json` did not make: read it back, tag it, and build it again. */
async function tagged(res: Response, cacheControl: string): Promise<Response> {
  const body = await res.arrayBuffer();
  const headers = new Headers(res.headers);
  headers.set('ETag', await strongEtag(body));
  headers.set('Cache-Control', cacheControl);
  headers.append('Vary', 'Authorization');
  return new Response(body, { status: res.status, headers });
}

/** The answer itself, or a bodiless 304 when the client already holds it. */
function conditional(c: Context<AppBindings>, res: Response): Response {
  if (!ifNoneMatchHolds(c.req.header('If-None-Match'), res.headers.get('ETag') ?? '')) return res;
  void res.body?.cancel();
  const headers = new Headers();
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}

function withRequestId(res: Response, requestId: string): Response {
  const copy = new Response(res.body, res);
  copy.headers.set('X-Request-Id', requestId);
  return copy;
}

/** The headers of an edge-cached route's 200, for createRoute's `responses[200].headers`. */
export const edgeCacheHeaders = z.object({
  ETag: z.string().openapi({
    description: 'Strong validator: the base64url SHA-256 of the body. Send it back as `If-None-Match` to get a 304 while it holds.',
    example: '"tRpYA1YBAZRuHDBm4pRfwQWbm_1TgzZUe2vIkCud19M"',
  }),
  'Cache-Control': z.string().openapi({
    description: '`public, max-age=N` for anonymous callers; `private, no-store` when an Authorization header was sent; `no-cache` when the answer is not shared',
    example: 'public, max-age=60',
  }),
  Vary: z.literal('Authorization').openapi({ description: 'Anonymous and authorized callers may see different answers' }),
});

/** Spread into an edge-cached route's `responses`. */
export const notModifiedResponse = {
  304: {
    description: 'Not Modified: `If-None-Match` named the current ETag. No body; same ETag and Cache-Control as the 200.',
    headers: edgeCacheHeaders,
  },
};

/** cache.put after the response: a slow or failed store delays nothing and fails nothing. */
function inBackground(c: Context<AppBindings>, storing: Promise<void>): void {
  const logged = storing.catch((err: unknown) => log.warn('edge_cache_put_failed', { url: c.req.url, ...describeError(err) }));
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    // no ExecutionContext (app.request() outside a Worker): the store simply runs on its own
  }
}
