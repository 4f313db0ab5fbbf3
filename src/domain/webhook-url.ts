/**
 * Where a webhook may be delivered. Production: https only, and never a private, loopback, link-local
 * or otherwise internal address written as a literal IP, nor a name like `localhost`. DNS names that
 * resolve to such addresses (DNS rebinding) are not resolved here: a Worker's fetch() cannot reach
 * private networks in the first place, so this check is the second line, not the only one.
 * Development and test: http is allowed for localhost and loopback addresses (a receiver on this machine).
 */
export type UrlPolicy = 'production' | 'development';

export function webhookUrlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'may not carry credentials';
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const local = isLocalName(host) || isInternalAddress(host);
  if (policy === 'development') {
    if (url.protocol === 'https:') return null;
    if (url.protocol === 'http:' && local) return null;
    return 'must be https (http only for localhost in development)';
  }
  if (url.protocol !== 'https:') return 'must be https';
  if (local) return 'may not point at a private, loopback or link-local address';
  return null;
}

function isLocalName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || (!host.includes('.') && !host.includes(':'));
}

/** Literal IPv4 and IPv6 addresses that are not public unicast. */
export function isInternalAddress(host: string): boolean {
  const v4 = parseIPv4(host);
  if (v4) return isInternalIPv4(v4);
  if (!host.includes(':')) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped?.[1]) return isInternalIPv4(parseIPv4(mapped[1]) ?? [0, 0, 0, 0]);
  if (host === '::' || host === '::1') return true;
  if (/^::ffff:/.test(host)) return true; // mapped, written in hex
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 /* fc00::/7 unique local */ || (first & 0xffc0) === 0xfe80 /* fe80::/10 link-local */ || (first & 0xff00) === 0xff00 /* multicast */;
}

function parseIPv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

function isInternalIPv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || a === 10 || a === 127 || a >= 224 || // this network, private, loopback, multicast and reserved
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) // benchmarking
  );
}
