/**
 * Node-side code (seed, scripts, e2e tests) imports worker modules whose signatures name the Workers
 * `Env`, which `npm run types` generates (worker-configuration.d.ts) for the worker's own typecheck
 * only: that file also declares the Workers runtime's globals, which clash with Node's. Node never
 * builds an Env, so here it is any set of bindings.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
interface Env { [binding: string]: any }
