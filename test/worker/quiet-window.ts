export interface Reading<T, A> {
  before: T;
  answer: A;
  after: T;
  /** The truth read the same before and after the answer: nothing moved while it was made. */
  quiet: boolean;
}

/**
 * Other test files write to the shared database at the same time, so an answer about global
 * numbers (counts, ranks) can only be compared exactly with the truth if nothing changed while it
 * was made. Reads the truth, asks for the answer, reads the truth again, and retries until both
 * readings agree (the pause lets a burst of writes from elsewhere pass). If the database never
 * stands still, the last reading comes back with `quiet: false`, for the caller's bounds check.
 */
export async function inQuietWindow<T, A>(truth: () => Promise<T>, answer: () => Promise<A>, tries = 25): Promise<Reading<T, A>> {
  let reading: Reading<T, A> | undefined;
  for (let i = 0; i < tries; i++) {
    const before = await truth();
    const given = await answer();
    const after = await truth();
    reading = { before, answer: given, after, quiet: JSON.stringify(before) === JSON.stringify(after) };
    if (reading.quiet) return reading;
    await new Promise((resolve) => setTimeout(resolve, 100 + 20 * i));
  }
  return reading!;
}
