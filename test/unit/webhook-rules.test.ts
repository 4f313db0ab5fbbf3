import { describe, expect, it } from 'vitest';
import { topNChanges } from '../../src/domain/top-n-changes';
import { retryDelayAfter, responseExcerpt, shouldDisable } from '../../src/domain/webhook-retries';
import { signatureHeader, signedContent } from '../../src/domain/webhook-signature';
import { webhookUrlProblem } from '../../src/domain/webhook-url';

describe('webhook URL safety', () => {
  it.each([
    'https://hooks.example.com/x',
    'https://93.184.216.34/x',
    'https://[2606:4700::1111]/x',
  ])('production accepts %s', (url) => expect(webhookUrlProblem(url, 'production')).toBeNull());

  it.each([
    ['http://hooks.example.com/x', 'must be https'],
    ['https://localhost/x', 'private'],
    ['https://app.localhost/x', 'private'],
    ['https://intranet/x', 'private'],
    ['https://127.0.0.1/x', 'private'],
    ['https://10.1.2.3/x', 'private'],
    ['https://172.16.0.1/x', 'private'],
    ['https://192.168.1.1/x', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'private'],
    ['https://100.64.0.1/x', 'private'],
    ['https://0.0.0.0/x', 'private'],
    ['https://[::1]/x', 'private'],
    ['https://[fd00::1]/x', 'private'],
    ['https://[fe80::1]/x', 'private'],
    ['https://[::ffff:127.0.0.1]/x', 'private'],
    ['https://u:p@hooks.example.com/x', 'credentials'],
    ['nope', 'not a URL'],
  ])('production refuses %s', (url, why) => expect(webhookUrlProblem(url, 'production')).toContain(why));

  it('development allows http only for this machine', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', 'development')).toBeNull();
    expect(webhookUrlProblem('http://localhost:8080/x', 'development')).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/x', 'development')).toContain('https');
    expect(webhookUrlProblem('https://hooks.example.com/x', 'development')).toBeNull();
  });
});

describe('retries', () => {
  const schedule = [5, 300, 1800, 7200, 18000, 36000, 36000];
  it('the default schedule spans about a day over 8 attempts', () => {
    expect(schedule.map((_, i) => retryDelayAfter(schedule, i + 1))).toEqual(schedule);
    expect(retryDelayAfter(schedule, 8)).toBeNull();
    const hours = schedule.reduce((a, b) => a + b, 0) / 3600;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeLessThan(30);
  });
  it('disables at the limit; keeps only an excerpt of a response', () => {
    expect([shouldDisable(29, 30), shouldDisable(30, 30)]).toEqual([false, true]);
    expect(responseExcerpt('x'.repeat(10_000))).toHaveLength(257);
    expect(responseExcerpt('ok')).toBe('ok');
  });
});

describe('Standard Webhooks signature base', () => {
  it('signs `{id}.{timestamp}.{body}` and lists every signature as v1,<sig>', () => {
    expect(signedContent('evt_1', 1700000000, '{"a":1}')).toBe('evt_1.1700000000.{"a":1}');
    expect(signatureHeader(['abc=', 'def='])).toBe('v1,abc= v1,def=');
  });
});

describe('top-N entries and exits', () => {
  const board = (...entries: [string, number][]) => entries.map(([userId, xp]) => ({ userId, xp }));
  it('a player who passes into the top 2 enters it, and the one pushed out exits', () => {
    const after = board(['a', 500], ['new', 400], ['b', 300]);
    expect(topNChanges(after, new Map([['new', 100]]), 2)).toEqual([
      { userId: 'new', change: 'entered', rankBefore: 3, rankAfter: 2 },
      { userId: 'b', change: 'exited', rankBefore: 2, rankAfter: 3 },
    ]);
  });
  it('players tied before are ranked in their order after, so a tie decides who was in the top N', () => {
    // Before: c 50, then a and b tied at 40 (a first, as after); after: a, b, c.
    const after = board(['a', 100], ['b', 100], ['c', 50]);
    expect(topNChanges(after, new Map([['a', 40], ['b', 40]]), 2)).toEqual([
      { userId: 'b', change: 'entered', rankBefore: 3, rankAfter: 2 },
      { userId: 'c', change: 'exited', rankBefore: 1, rankAfter: 3 },
    ]);
  });

  it('moving within the top N, or staying out of it, changes nothing; a first award counts from unranked', () => {
    expect(topNChanges(board(['b', 600], ['a', 500]), new Map([['b', 450]]), 2)).toEqual([]);
    expect(topNChanges(board(['a', 500], ['b', 400], ['c', 10]), new Map([['c', 5]]), 2)).toEqual([]);
    expect(topNChanges(board(['first', 50]), new Map([['first', 0]]), 10)).toEqual([{ userId: 'first', change: 'entered', rankBefore: null, rankAfter: 1 }]);
  });
});
