import { describe, expect, it } from 'vitest';
import { clientKey, clientTag, takeSubscribe } from '../../src/hub/client-limits';

describe('clientKey', () => {
  it('is the IPv4 address itself', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, however it is written', () => {
    const key = '2001:db8:aa:1::/64';
    expect(clientKey('2001:db8:aa:1::1')).toBe(key);
    expect(clientKey('2001:0DB8:00aa:0001:ffff:1234:5678:9abc')).toBe(key);
    expect(clientKey('2001:db8:aa:1:0:0:0:2')).toBe(key);
    expect(clientKey('2001:db8:aa:2::1')).not.toBe(key);
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('groups every request without an address together, and keeps odd values short enough for a tag', () => {
    expect(clientKey(null)).toBe('unknown');
    expect(clientKey('')).toBe('unknown');
    expect(clientKey('not:an:address')).toBe('not:an:address');
    expect(clientTag(clientKey('x'.repeat(1_000))).length).toBeLessThanOrEqual(256);
  });
});

describe('takeSubscribe', () => {
  it('lets `perSecond` through in any one second, counting only those let through', () => {
    let recent: number[] = [];
    const at = (now: number) => {
      const result = takeSubscribe(recent, now, 2);
      recent = result.recent;
      return result.allowed;
    };
    expect([at(0), at(10), at(20), at(999)]).toEqual([true, true, false, false]);
    expect(at(1_000)).toBe(true); // the first one left the window
    expect(at(1_009)).toBe(false);
    expect(at(1_010)).toBe(true);
    expect(recent).toEqual([1_000, 1_010]);
  });
});
