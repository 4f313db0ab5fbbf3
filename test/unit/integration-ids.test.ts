import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, displayPrefix, hasScope, looksLikeApiKey } from '../../src/domain/api-keys';
import { eventId } from '../../src/domain/webhook-events';
import { RESPONSE_EXCERPT_CHARS, responseExcerpt } from '../../src/domain/webhook-retries';
import { SECRET_PREFIX, secretKeyBase64 } from '../../src/domain/webhook-signature';

const body43 = 'A'.repeat(21) + 'z9_-'.repeat(5) + 'Q'.repeat(2); // 43 base64url characters

describe('API key secrets', () => {
  it('look like sq_live_ and exactly 43 base64url characters', () => {
    expect(API_KEY_PREFIX).toBe('sq_live_');
    expect(looksLikeApiKey(`sq_live_${body43}`)).toBe(true);
    for (const value of [
      `sq_live_${body43.slice(1)}`, // 42
      `sq_live_${body43}A`, // 44
      `xsq_live_${body43}`,
      `sq_test_${body43}`,
      `sq_live_${body43.slice(1)}=`, // padding is not base64url
      `sq_live_${body43.slice(1)}+`,
      ` sq_live_${body43}`,
      `sq_live_${body43}\n`,
    ]) {
      expect(looksLikeApiKey(value), value).toBe(false);
    }
  });

  it('are listed by their prefix and 6 more characters', () => {
    expect(displayPrefix(`sq_live_${body43}`)).toBe(`sq_live_${body43.slice(0, 6)}`);
  });

  it('scopes are independent: none implies another', () => {
    expect(hasScope(['results:write'], 'results:write')).toBe(true);
    expect(hasScope(['results:write', 'webhooks:manage'], 'players:read')).toBe(false);
  });
});

describe('webhooks', () => {
  it('an event id is built from its type and subject, the same on every replay', () => {
    expect(eventId('xp.awarded', 'a1')).toBe('evt_xp_awarded_a1');
    expect(eventId('leaderboard.rank_changed', 'u1', 'entered', 'a9')).toBe('evt_leaderboard_rank_changed_u1_entered_a9');
  });

  it('a secret is whsec_ and base64; a bare base64 secret is taken as it is', () => {
    expect(SECRET_PREFIX).toBe('whsec_');
    expect(secretKeyBase64('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(secretKeyBase64('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(secretKeyBase64('abcwhsec_')).toBe('abcwhsec_');
  });

  it('a response excerpt keeps RESPONSE_EXCERPT_CHARS characters whole, and cuts one more', () => {
    expect(responseExcerpt('x'.repeat(RESPONSE_EXCERPT_CHARS))).toBe('x'.repeat(RESPONSE_EXCERPT_CHARS));
    expect(responseExcerpt('x'.repeat(RESPONSE_EXCERPT_CHARS + 1))).toBe(`${'x'.repeat(RESPONSE_EXCERPT_CHARS)}…`);
  });
});
