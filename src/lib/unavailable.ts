import { findInCauses } from '../db/pg-errors';

// Failures that mean "the database or cache can't be reached right now", as the Neon driver, the
// WebSocket under it and fetch (Upstash) word them. Product rule: those are 503s, never 500s.
const CONNECTION_FAILURE =
  /network connection lost|connection (refused|terminated|closed|timeout|ended)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|websocket|fetch failed|timed out|timeout exceeded/i;

// SQLSTATE classes for the same situation: 08 connection exception, 53 insufficient resources,
// 57P01–57P03 server shutting down or not accepting connections.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;

/** Walks an error and its causes (drizzle wraps the driver's error) looking for an outage. */
export function isServiceUnavailable(err: unknown): boolean {
  const verdict = findInCauses(err, ({ code, message }) => {
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return UNAVAILABLE_SQLSTATE.test(code);
    // drizzle's own message quotes the SQL text, which must not be mistaken for a network error.
    if (typeof message === 'string' && !message.startsWith('Failed query:') && CONNECTION_FAILURE.test(message)) return true;
    return undefined;
  });
  return verdict ?? false;
}
