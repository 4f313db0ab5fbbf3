import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Resolves undefined once the body passes MAX_BODY_BYTES; the rest is drained, not buffered. */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData).resume();
      resolve(undefined);
    };
    req.on('data', onData).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}
