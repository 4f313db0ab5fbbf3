// Untyped first messages: their int32 code says whether a real StartupMessage still follows.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Follows the Postgres frontend (client → server) message stream and reports each typed message's
 * type byte. The bytes arrive in arbitrary pieces: a message may span WebSocket frames and one frame
 * may hold several messages, so only the 5-byte header (8 bytes for the untyped startup-phase
 * messages) is ever buffered; bodies are skipped by length.
 *
 * After an SSLRequest answered 'S' the stream would be TLS, which this cannot read. The Neon driver
 * only sends SSLRequest with pipelineTLS off and ssl on; the local setup uses neither.
 */
export function createFrontendParser(onMessage: (type: string) => void): (chunk: Buffer) => void {
  let startup = true;
  let header = Buffer.alloc(0);
  let skip = 0; // body bytes of the current message not yet seen

  return (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (skip > 0) {
        const skipped = Math.min(skip, chunk.length - offset);
        skip -= skipped;
        offset += skipped;
        continue;
      }
      const headerSize = startup ? 8 : 5;
      const piece = chunk.subarray(offset, offset + headerSize - header.length);
      header = Buffer.concat([header, piece]);
      offset += piece.length;
      if (header.length < headerSize) return; // the rest of the header comes in the next chunk
      if (startup) {
        const code = header.readInt32BE(4);
        skip = Math.max(0, header.readInt32BE(0) - 8);
        startup = code === SSL_REQUEST || code === GSSENC_REQUEST;
      } else {
        onMessage(String.fromCharCode(header[0]!));
        skip = Math.max(0, header.readInt32BE(1) - 4);
      }
      header = Buffer.alloc(0);
    }
  };
}
