import { createMiddleware } from 'hono/factory';
import type { AppBindings } from '../lib/types';

/** The day the aliases from the original summary were published already deprecated (RFC 9745 wants a date). */
export const ALIASES_DEPRECATED_ON = new Date('2026-11-22T00:00:00Z');

/**
 * A deprecated operation keeps answering as before, and says so on every answer, errors included:
 * `Deprecation` (RFC 9745) with the date it was deprecated, `Link` (RFC 8288) to the operation that
 * replaces it (`successor`, a path template: `{id}` is filled from the request), and `Sunset`
 * (RFC 8594) once a removal date is set — no earlier than the next major version of the API.
 */
export function deprecatedAlias(successor: string, { since = ALIASES_DEPRECATED_ON, sunset }: { since?: Date; sunset?: Date } = {}) {
  return createMiddleware<AppBindings>(async function markDeprecated(c, next) {
    await next();
    const path = successor.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(c.req.param(name) ?? ''));
    c.res.headers.set('Deprecation', `@${Math.floor(since.getTime() / 1000)}`);
    c.res.headers.set('Link', `<${path}>; rel="successor-version"`);
    if (sunset) c.res.headers.set('Sunset', sunset.toUTCString());
  });
}

/** The headers of a deprecated operation's answers, for createRoute's `responses[…].headers`. */
export const deprecationHeaders = {
  Deprecation: {
    description: 'When the operation was deprecated (RFC 9745: `@` and Unix seconds)',
    schema: { type: 'string' as const, example: `@${Math.floor(ALIASES_DEPRECATED_ON.getTime() / 1000)}` },
  },
  Link: {
    description: 'The operation that replaces this one: `rel="successor-version"` (RFC 8288)',
    schema: { type: 'string' as const, example: '</users/3b241101-e2bb-4255-8caf-4136c566a962/progress>; rel="successor-version"' },
  },
};
