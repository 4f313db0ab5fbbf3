/** Just enough of the Postgres wire protocol to drive the gateway by hand in tests. */

export function startupMessage(params: Record<string, string>): Buffer {
  const body = Buffer.from(`${Object.entries(params).flat().join('\0')}\0\0`);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(196608, 4); // protocol 3.0
  return Buffer.concat([header, body]);
}

export const sslRequest = (): Buffer => Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A typed frontend message: type byte, int32 length (itself included), body. */
export function message(type: string, body: Buffer | string = Buffer.alloc(0)): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(`${body}\0`) : body;
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + bytes.length, 1);
  return Buffer.concat([header, bytes]);
}

export interface BackendMessage {
  type: string;
  body: Buffer;
}

/** Splits a backend byte stream into messages; returns them and the incomplete rest. */
export function splitBackend(stream: Buffer): { messages: BackendMessage[]; rest: Buffer } {
  const messages: BackendMessage[] = [];
  let offset = 0;
  while (stream.length - offset >= 5) {
    const end = offset + 1 + stream.readInt32BE(offset + 1);
    if (end > stream.length) break;
    messages.push({ type: String.fromCharCode(stream[offset]!), body: stream.subarray(offset + 5, end) });
    offset = end;
  }
  return { messages, rest: stream.subarray(offset) };
}

/** The first column of a DataRow, as text. */
export function firstColumn(dataRow: Buffer): string {
  const length = dataRow.readInt32BE(2);
  return dataRow.subarray(6, 6 + length).toString('utf8');
}
