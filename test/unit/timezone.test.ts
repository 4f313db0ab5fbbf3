import { describe, expect, it } from 'vitest';
import { canonicalTimeZone } from '../../src/domain/timezone';

describe('canonicalTimeZone', () => {
  it('accepts IANA zones and returns their canonical spelling', () => {
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
  });

  it('rejects unknown, empty and absurdly long names', () => {
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
    expect(canonicalTimeZone(`Europe/${'x'.repeat(100)}`)).toBeUndefined();
  });

  it('rejects UTC offsets, which Postgres reads with the opposite sign', () => {
    for (const zone of ['+14:00', '-05:00', '+0530', '+14', '-00:00', '\u221205:00', 'UTC+3', 'GMT-3', 'Z']) {
      expect(canonicalTimeZone(zone), zone).toBeUndefined();
    }
  });

  it('accepts the Etc/GMT zones (sign-inverted by IANA, read the same way by Postgres)', () => {
    expect(canonicalTimeZone('Etc/GMT+2')).toBe('Etc/GMT+2');
    expect(canonicalTimeZone('etc/gmt-14')).toBe('Etc/GMT-14');
  });
});
