import { describe, expect, it } from 'vitest';
import { ALIASES_DEPRECATED_ON } from '../../src/middleware/deprecation';
import { api } from './helpers';

const DEPRECATION = `@${Math.floor(ALIASES_DEPRECATED_ON.getTime() / 1000)}`;

/** Each alias from the original summary and the operation that replaces it. */
const aliases = [
  { alias: (id: string) => `/leaderboard/users/${id}/progress`, successor: (id: string) => `/users/${id}/progress` },
  { alias: (id: string) => `/badges/users/${id}`, successor: (id: string) => `/users/${id}/badges` },
];

describe.each(aliases.map((a) => [a.alias('{id}'), a] as const))('deprecated %s', (_, { alias, successor }) => {
  it('answers with Deprecation and a successor-version Link to the operation that replaces it', async () => {
    const id = crypto.randomUUID();
    const res = await api('GET', alias(id));
    expect(res.status).toBe(404); // an unknown user: the headers come with errors too
    expect(res.headers.get('Deprecation')).toBe(DEPRECATION);
    expect(res.headers.get('Link')).toBe(`<${successor(id)}>; rel="successor-version"`);
    expect(res.headers.get('Sunset')).toBeNull(); // no removal date set yet
  });

  it('the operation that replaces it answers without them', async () => {
    const res = await api('GET', successor(crypto.randomUUID()));
    expect(res.status).toBe(404);
    expect(res.headers.get('Deprecation')).toBeNull();
    expect(res.headers.get('Link')).toBeNull();
  });
});
