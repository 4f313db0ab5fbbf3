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
});
