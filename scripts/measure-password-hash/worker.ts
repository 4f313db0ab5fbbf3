/**
 * Runs one password hash per request inside workerd, with the shipped code, so the caller can read
 * workerd's CPU time around it. `?params=m,t,p` sets the Argon2id cost.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { hashPassword, parsePasswordParams, verifyPassword } from '../../src/auth/password.ts';

const PASSWORD = 'correct horse battery staple';
// PASSWORD at the scrypt cost production used before Argon2id (2^15, 8, 3), made with node:crypto.
const SCRYPT_HASH = '$scrypt$N=32768,r=8,p=3$BwcHBwcHBwcHBwcHBwcHBw==$0a2JaVwDsB0xnl9aWr+6b6zb8RsYDssMLbAk0C/Lx8w=';
const stored = new Map<string, string>();

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const text = url.searchParams.get('params') ?? '19456,2,1';
    const params = parsePasswordParams(text);
    switch (url.pathname) {
      case '/hash': // a registration or a rehash
        return new Response(await hashPassword(PASSWORD, params));
      case '/verify': {
        // a login: the hash it checks was made by an earlier request
        const hash = stored.get(text) ?? (await hashPassword(PASSWORD, params));
        stored.set(text, hash);
        return new Response(String(await verifyPassword(PASSWORD, hash)));
      }
      case '/scrypt': // a login with a hash from before the switch (then rehashed once, as /hash)
        return new Response(String(await verifyPassword(PASSWORD, SCRYPT_HASH)));
      case '/noble': // pure-JS Argon2id, the WASM build's alternative
        await argon2idAsync(PASSWORD, new Uint8Array(16), { m: params.m, t: params.t, p: params.p, dkLen: 32 });
        return new Response('done');
      default: // what a request costs without hashing
        return new Response('ok');
    }
  },
};
