// Workers refuse to compile WASM from bytes at run time; wrangler and the vitest plugin hand a `.wasm`
// import over as an already compiled WebAssembly.Module (the default CompiledWasm rule).
import argon2Wasm from '@phi-ag/argon2/argon2.wasm';

export function instantiateArgon2(): Promise<WebAssembly.Instance> {
  return WebAssembly.instantiate(argon2Wasm);
}
