/**
 * The W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/): one bit per credential,
 * index 0 the most significant bit of the first byte. The specification recommends at least 131,072 entries
 * (16 KiB) so that one credential's index says little about whose it is, and random index allocation.
 */
export const STATUS_LIST_SIZE = 131_072;

/** A list of `size` bits with the bits at `indexes` set (those credentials are revoked). */
export function bitstringWith(indexes: Iterable<number>, size = STATUS_LIST_SIZE): Uint8Array {
  const bytes = new Uint8Array(size / 8);
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`status index ${index} is outside the list`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return bytes;
}

export function isBitSet(bytes: Uint8Array, index: number): boolean {
  const byte = bytes[index >> 3];
  if (byte === undefined || index < 0) throw new RangeError(`status index ${index} is outside the list`);
  return (byte & (0x80 >> (index & 7))) !== 0;
}

/** An index from a random 32-bit value: uniform, since the size is a power of two dividing 2^32. */
export function statusIndexFrom(random32: number, size = STATUS_LIST_SIZE): number {
  return random32 % size;
}
