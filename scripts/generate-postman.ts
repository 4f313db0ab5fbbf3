/**
 * Writes client/openapi.json and a Postman collection generated from it (openapi-to-postmanv2):
 * `npm run postman`. The document comes from the app itself, so it can't drift from the routes.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildOpenApiDocument } from '../src/lib/openapi-document';
import { app } from '../src/app';
import { addDemoFlow, type Collection } from './postman-flow';

const require = createRequire(import.meta.url);
// Before loading the converter: its faker keeps the Math.random it finds at load time.
Math.random = seededRandom(20_261_122);
const Converter = require('openapi-to-postmanv2') as {
  convert(
    input: { type: 'json'; data: unknown },
    options: Record<string, unknown>,
    done: (err: unknown, result: { result: boolean; reason?: string; output: { data: unknown }[] }) => void,
  ): void;
};

/** The converter gives every item a random id; ids derived from the item's place keep diffs to real changes. */
function stableIds(node: unknown, place = 'collection'): unknown {
  if (Array.isArray(node)) return node.map((child, i) => stableIds(child, `${place}/${i}`));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => {
    if ((key !== 'id' && key !== '_postman_id') || typeof value !== 'string') return [key, stableIds(value, `${place}/${key}`)];
    const hex = createHash('sha1').update(place).digest('hex');
    return [key, `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`];
  });
  return Object.fromEntries(entries);
}

/** The converter fakes values for schemas without examples with Math.random: seeded, its output repeats. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// The document a deployment serves when PUBLIC_BASE_URL is unset (servers: `/`). Postman gets a JSON copy
// (the generator leaves `default: undefined` in EarnedBadge's allOf, which the converter's merge trips
// over) with the local dev server as its `baseUrl`, since a collection can't resolve a relative one.
const document = app.getOpenAPI31Document(buildOpenApiDocument('/'));
writeFileSync('client/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
const forPostman = { ...(JSON.parse(JSON.stringify(document)) as typeof document), servers: [{ url: 'http://localhost:8787', description: 'npm run dev' }] };

Converter.convert({ type: 'json', data: forPostman }, { folderStrategy: 'Tags', requestParametersResolution: 'Example' }, (err, result) => {
  if (err || !result.result) throw new Error(`conversion failed: ${String(err ?? result.reason)}`);
  const schemas = (document.components?.schemas ?? {}) as Record<string, { example?: unknown }>;
  const examples = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, schema.example]));
  const collection = stableIds(addDemoFlow(result.output[0]?.data as Collection, examples));
  writeFileSync('client/skillquest.postman_collection.json', `${JSON.stringify(collection, null, 2)}\n`);
  console.log(`client/openapi.json and client/skillquest.postman_collection.json written (${Object.keys(document.paths ?? {}).length} paths)`);
});
