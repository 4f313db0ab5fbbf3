/**
 * The hub's per-client limits: open sockets per client address (counted through the tag each socket
 * is accepted with) and subscribes per socket per second (kept in the socket's attachment).
 */

/** Longer values are cut: a tag is at most 256 characters, and no address is near this long. */
const MAX_KEY_LENGTH = 64;
const SUBSCRIBE_WINDOW_MS = 1_000;

/**
 * Who a socket belongs to, from the worker's CF-Connecting-IP. An IPv6 client usually holds a whole
 * /64 (and picks new addresses in it at will), so the /64 is the client; an IPv4 address is itself.
 */
export function clientKey(address: string | null | undefined): string {
  const ip = address?.trim().toLowerCase().slice(0, MAX_KEY_LENGTH) ?? '';
  if (!ip) return 'unknown';
  if (!ip.includes(':')) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip);
  if (mapped) return mapped[1]!;
  const prefix = ipv6Prefix64(ip);
  return prefix ? `${prefix}::/64` : ip;
}

/** The first four groups of an IPv6 address without leading zeros, or undefined when it is not one. */
function ipv6Prefix64(ip: string): string | undefined {
  const halves = ip.replace(/%.*$/, '').split('::');
  if (halves.length > 2) return undefined;
  const [head, tail] = halves.map((half) => (half ? half.split(':') : []));
  // An embedded IPv4 tail (::1.2.3.4) is two groups; only the first four groups matter here.
  const groups = [...head!, ...(tail ? Array<string>(Math.max(0, 8 - head!.length - tail.length)).fill('0') : []), ...(tail ?? [])];
  const first = groups.slice(0, 4);
  if (first.length < 4 || !first.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return first.map((group) => parseInt(group, 16).toString(16)).join(':');
}

/** The hibernation API's tag for a client's sockets: `getWebSockets(tag)` counts them, hibernated ones too. */
export function clientTag(key: string): string {
  return `client:${key}`;
}

/**
 * A sliding window over the last second: the times of the subscribes it let through, and whether
 * one more may go now. Rejected subscribes are not recorded, so a client that slows down gets through.
 */
export function takeSubscribe(recent: readonly number[], now: number, perSecond: number): { allowed: boolean; recent: number[] } {
  const inWindow = recent.filter((at) => now - at < SUBSCRIBE_WINDOW_MS && at <= now);
  if (inWindow.length >= perSecond) return { allowed: false, recent: inWindow };
  return { allowed: true, recent: [...inWindow, now] };
}
