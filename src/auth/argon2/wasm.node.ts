// Node (seed, scripts, unit tests) can't import a `.wasm` file: read the same binary and compile it here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

// The Node tsconfig has no WebAssembly types (no DOM lib); this is the part used here.
declare const WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> };

export async function instantiateArgon2(): Promise<{ exports: unknown }> {
  const bytes = await readFile(createRequire(import.meta.url).resolve('@phi-ag/argon2/argon2.wasm'));
  return (await WebAssembly.instantiate(bytes)).instance;
}
