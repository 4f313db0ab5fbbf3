// Untyped first messages: their int32 code says whether a real StartupMessage still follows.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const PROTOCOL_3 = 196608;
/** Postgres refuses longer startup packets too. */
const MAX_STARTUP_BYTES = 10_000;

/** A StartupMessage's body: `name\0value\0` pairs, then one more `\0`. */
function startupParameters(body: Buffer): Record<string, string> {
  const parts = body.toString('utf8').split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length && parts[i] !== ''; i += 2) params[parts[i]!] = parts[i + 1]!;
  return params;
}

/**
 * Follows the Postgres frontend (client → server) message stream and reports each typed message's
 * type byte, and the StartupMessage's parameters (user, database, application_name). The bytes
 * arrive in arbitrary pieces: a message may span WebSocket frames and one frame may hold several
 * messages, so only the 5-byte header (8 bytes for the untyped startup-phase messages) and the
 * StartupMessage's few parameters are ever buffered; other bodies are skipped by length.
 *
 * After an SSLRequest answered 'S' the stream would be TLS, which this cannot read. The Neon driver
 * only sends SSLRequest with pipelineTLS off and ssl on; the local setup uses neither.
 */
export function createFrontendParser(
  onMessage: (type: string) => void,
  onStartup: (params: Record<string, string>) => void = () => {},
): (chunk: Buffer) => void {
  let startup = true;
  let header = Buffer.alloc(0);
  let skip = 0; // body bytes of the current message not yet seen
  let startupBody: Buffer[] | null = null; // the StartupMessage's parameters, while they arrive

  return (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      if (skip > 0) {
        const skipped = Math.min(skip, chunk.length - offset);
        startupBody?.push(Buffer.from(chunk.subarray(offset, offset + skipped)));
        skip -= skipped;
        offset += skipped;
        if (skip === 0 && startupBody) {
          onStartup(startupParameters(Buffer.concat(startupBody)));
          startupBody = null;
        }
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
        if (code === PROTOCOL_3 && skip > 0 && skip <= MAX_STARTUP_BYTES) startupBody = [];
      } else {
        onMessage(String.fromCharCode(header[0]!));
        skip = Math.max(0, header.readInt32BE(1) - 4);
      }
      header = Buffer.alloc(0);
    }
  };
}
