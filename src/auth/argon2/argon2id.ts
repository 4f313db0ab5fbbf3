// `#argon2-wasm` (package.json "imports") is wasm.workerd.ts inside workerd and wasm.node.ts in Node.
import { instantiateArgon2 } from '#argon2-wasm';

/** Argon2id cost: memory in KiB, passes over it, lanes. */
export interface Argon2idCost {
  m: number;
  t: number;
  p: number;
}

/** The C API of the Argon2 reference implementation, as @phi-ag/argon2's WASM SIMD build exports it. */
interface Argon2Exports {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  argon2_hash(t: number, m: number, p: number, pwd: number, pwdLen: number, salt: number, saltLen: number,
    hash: number, hashLen: number, encoded: number, encodedLen: number, type: number, version: number): number;
  argon2_error_message(code: number): number;
}

const ARGON2ID = 2;
const VERSION_1_3 = 0x13;

let loading: Promise<Argon2Exports> | undefined;

/** One instance per isolate (or Node process); a failed load is retried by the next call. */
function argon2(): Promise<Argon2Exports> {
  loading ??= instantiateArgon2().then(
    (instance) => {
      const wasm = instance.exports as unknown as Argon2Exports;
      wasm._initialize();
      return wasm;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

function copyIn(wasm: Argon2Exports, bytes: Uint8Array): number {
  const pointer = wasm.malloc(Math.max(bytes.length, 1));
  if (!pointer) throw new Error('argon2id: out of WASM memory');
  new Uint8Array(wasm.memory.buffer).set(bytes, pointer);
  return pointer;
}

function errorMessage(wasm: Argon2Exports, code: number): string {
  const heap = new Uint8Array(wasm.memory.buffer);
  const start = wasm.argon2_error_message(code);
  return new TextDecoder().decode(heap.subarray(start, heap.indexOf(0, start)));
}

/**
 * Raw Argon2id v1.3 of the password's bytes. We call the C API ourselves rather than the package's
 * class: its `hash(string)` passes the UTF-16 length as the byte length, so "é" and "ê" hash alike.
 */
export async function argon2id(password: Uint8Array, salt: Uint8Array, { m, t, p }: Argon2idCost, length: number): Promise<Uint8Array> {
  const wasm = await argon2();
  const pwd = copyIn(wasm, password);
  const saltAt = copyIn(wasm, salt);
  const out = wasm.malloc(length);
  try {
    if (!out) throw new Error('argon2id: out of WASM memory');
    const code = wasm.argon2_hash(t, m, p, pwd, password.length, saltAt, salt.length, out, length, 0, 0, ARGON2ID, VERSION_1_3);
    if (code !== 0) throw new Error(`argon2id: ${errorMessage(wasm, code)}`);
    return new Uint8Array(wasm.memory.buffer, out, length).slice();
  } finally {
    new Uint8Array(wasm.memory.buffer, pwd, password.length).fill(0); // the clear password doesn't stay in the heap
    wasm.free(pwd);
    wasm.free(saltAt);
    wasm.free(out);
  }
}
