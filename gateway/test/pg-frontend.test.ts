import { describe, expect, it } from 'vitest';
import { createFrontendParser } from '../src/pg-frontend.ts';
import { message, sslRequest, startupMessage } from './pg-wire.ts';

function typesSeen(chunks: Buffer[]): string[] {
  const types: string[] = [];
  const feed = createFrontendParser((type) => types.push(type));
  for (const chunk of chunks) feed(chunk);
  return types;
}

const session = Buffer.concat([
  startupMessage({ user: 'postgres', database: 'postgres' }),
  message('Q', 'select 1'),
  message('P', Buffer.from('\0select $1\0\0\0')),
  message('B', Buffer.alloc(20, 0x51)), // body bytes that look like 'Q' must not count
  message('D', Buffer.from('P\0')),
  message('E', Buffer.from('\0\0\0\0\0')),
  message('S'),
  message('X'),
]);
const expected = ['Q', 'P', 'B', 'D', 'E', 'S', 'X'];

describe('Postgres frontend message parser', () => {
  it('reads messages combined in one chunk, the untyped startup message first', () => {
    expect(typesSeen([session])).toEqual(expected);
  });

  it('reads messages split at every possible byte', () => {
    expect(typesSeen([...session].map((byte) => Buffer.from([byte])))).toEqual(expected);
  });

  it('reads messages split at arbitrary points', () => {
    for (const size of [2, 3, 7, 13, 64]) {
      const chunks = [];
      for (let i = 0; i < session.length; i += size) chunks.push(session.subarray(i, i + size));
      expect(typesSeen(chunks)).toEqual(expected);
    }
  });

  it('reports the startup parameters once, however the bytes are split', () => {
    const params = { user: 'postgres', database: 'postgres', application_name: 'batch-probe' };
    const bytes = Buffer.concat([startupMessage(params), message('Q', 'select 1')]);
    for (const size of [1, 3, 64]) {
      const seen: Record<string, string>[] = [];
      const feed = createFrontendParser(() => {}, (startup) => seen.push(startup));
      for (let i = 0; i < bytes.length; i += size) feed(bytes.subarray(i, i + size));
      expect(seen).toEqual([params]);
    }
  });

  it('expects a startup message again after an SSLRequest', () => {
    expect(typesSeen([sslRequest(), session])).toEqual(expected);
  });
});
