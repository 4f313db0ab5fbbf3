import { describe, expect, it } from 'vitest';
import { isInternalAddress, webhookUrlProblem } from '../../src/domain/webhook-url';

// The SSRF guard's edges: each internal range's first and last addresses, and the public neighbours
// just outside them, so a range that grows or shrinks by one is caught.
describe('isInternalAddress: literal IPv4 ranges, at their edges', () => {
  it.each([
    '0.0.0.0', '0.255.255.255', // this network
    '10.0.0.0', '10.255.255.255', // private
    '127.0.0.1', '127.255.255.255', // loopback
    '224.0.0.1', '239.255.255.255', '240.0.0.1', '255.255.255.255', // multicast, reserved
    '100.64.0.0', '100.127.255.255', // carrier-grade NAT
    '169.254.0.0', '169.254.169.254', '169.254.255.255', // link-local, cloud metadata
    '172.16.0.0', '172.31.255.255', // private
    '192.168.0.0', '192.168.255.255', // private
    '192.0.0.1', '192.0.2.1', // IETF protocol assignments, documentation
    '198.18.0.0', '198.19.255.255', // benchmarking
  ])('%s is internal', (host) => expect(isInternalAddress(host)).toBe(true));

  it.each([
    '1.1.1.1', '8.8.8.8', '9.255.255.255', '11.0.0.0',
    '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.1',
    '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0',
    '191.255.255.255', '192.1.0.0', '192.167.255.255', '192.169.0.0',
    '198.17.255.255', '198.20.0.0', '223.255.255.255', '93.184.216.34',
    // the second octet of an internal range, under another first octet
    '1.0.0.1', '1.100.0.1', '1.254.0.1', '1.168.0.1', '1.18.0.1', '1.19.0.1', '1.16.0.1',
  ])('%s is public', (host) => expect(isInternalAddress(host)).toBe(false));

  it.each([
    '256.1.1.1', '1.2.3', '10.1.2', '127.1', '1.2.3.4.5', '1.2.3.x', '1.2.3.1234', 'hooks.example.com',
    'fe80.example.com', 'fc00.example.com', 'ff02.example.com', // names that read as hex: not IPv6 without a colon
    '+10.0.0.1', '0x0a.0.0.1', '10e0.0.0.1', '10.0.0.0x1', // octets Number() would read, but not dotted decimal
  ])('%s is not a literal IPv4 address (so not internal by address)', (host) => expect(isInternalAddress(host)).toBe(false));
});

describe('isInternalAddress: literal IPv6', () => {
  it.each([
    '::', '::1', // unspecified, loopback
    'fc00::1', 'fdff:ffff::1', // unique local fc00::/7
    'fe80::1', 'febf:ffff::1', // link-local fe80::/10
    'ff02::1', 'ffff::1', // multicast
    '::ffff:127.0.0.1', '::ffff:10.1.2.3', // IPv4-mapped, dotted, internal
    '::ffff:7f00:1', // IPv4-mapped written in hex (as URL normalises it): refused whatever it maps to
  ])('%s is internal', (host) => expect(isInternalAddress(host)).toBe(true));

  it.each([
    '2606:4700::1111', '2001:db8::1', 'fbff::1', 'fec0::1', 'fe7f::1', 'fe00::1',
    '::ffff:8.8.8.8', '::ffff:93.184.216.34', // IPv4-mapped, dotted, public
    '1::ffff:10.0.0.1', '1::ffff:7f00:1', // not IPv4-mapped: the ::ffff: is not at the start
    '1::', '::2',
  ])('%s is public', (host) => expect(isInternalAddress(host)).toBe(false));
});

describe('webhookUrlProblem', () => {
  it.each([
    'https://printer.local/x', 'https://metadata.google.internal/x', 'https://a.b.localhost/x', 'https://intranet:8443/x',
  ])('production refuses the internal name %s', (url) => expect(webhookUrlProblem(url, 'production')).toContain('private'));

  it.each([
    'https://localhost.example.com/x', 'https://local.example.com/x', 'https://internal.example.com/x', 'https://example.localhost.com/x',
  ])('production accepts the public name %s', (url) => expect(webhookUrlProblem(url, 'production')).toBeNull());

  it.each(['https://user@hooks.example.com/x', 'https://:secret@hooks.example.com/x', 'https://u:p@hooks.example.com/x'])(
    '%s carries credentials, in either policy',
    (url) => {
      expect(webhookUrlProblem(url, 'production')).toBe('may not carry credentials');
      expect(webhookUrlProblem(url, 'development')).toBe('may not carry credentials');
    },
  );

  it('production refuses every scheme but https, even to a public host', () => {
    for (const url of ['http://hooks.example.com/x', 'ftp://hooks.example.com/x', 'ws://hooks.example.com/x']) {
      expect(webhookUrlProblem(url, 'production')).toBe('must be https');
    }
    expect(webhookUrlProblem('http://127.0.0.1/x', 'production')).toBe('must be https');
  });

  it('a bracketed IPv6 host is judged by its address', () => {
    expect(webhookUrlProblem('https://[::1]:8443/x', 'production')).toBe('may not point at a private, loopback or link-local address');
    expect(webhookUrlProblem('https://[2606:4700::1111]:8443/x', 'production')).toBeNull();
  });

  it('development: https anywhere; http only to this machine; nothing else', () => {
    expect(webhookUrlProblem('https://10.0.0.1/x', 'development')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9000/x', 'development')).toBeNull();
    expect(webhookUrlProblem('http://app.localhost/x', 'development')).toBeNull();
    expect(webhookUrlProblem('http://93.184.216.34/x', 'development')).toBe('must be https (http only for localhost in development)');
    expect(webhookUrlProblem('ftp://localhost/x', 'development')).toBe('must be https (http only for localhost in development)');
    expect(webhookUrlProblem('not a url', 'development')).toBe('is not a URL');
  });
});
