import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mutations } from '../../scripts/mutation/workerd-mutations';

// `npm run test:mutation:workerd` applies each mutation by text: one whose code has moved on would
// silently test nothing, so every `from` must still be in its file, exactly once.
describe('the workerd mutations still apply to the source', () => {
  it.each(mutations.map((m) => [m.id, m] as const))('%s', (_id, mutation) => {
    const source = readFileSync(mutation.file, 'utf8');
    expect(source.split(mutation.from).length - 1).toBe(1);
  });
});
