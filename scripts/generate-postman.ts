/**
 * Writes client/openapi.json and a Postman collection generated from it (openapi-to-postmanv2):
 * `npm run postman`. The document comes from the app itself, so it can't drift from the routes.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { buildOpenApiDocument } from '../src/lib/configure-openapi';
import { app } from '../src/app';

const require = createRequire(import.meta.url);
const Converter = require('openapi-to-postmanv2') as {
  convert(
    input: { type: 'json'; data: unknown },
    options: Record<string, unknown>,
    done: (err: unknown, result: { result: boolean; reason?: string; output: { data: unknown }[] }) => void,
  ): void;
};

const document = app.getOpenAPI31Document(buildOpenApiDocument('http://localhost:8787'));
writeFileSync('client/openapi.json', `${JSON.stringify(document, null, 2)}\n`);

Converter.convert({ type: 'json', data: document }, { folderStrategy: 'Tags', requestParametersResolution: 'Example' }, (err, result) => {
  if (err || !result.result) throw new Error(`conversion failed: ${String(err ?? result.reason)}`);
  const collection = result.output[0]?.data;
  writeFileSync('client/skillquest.postman_collection.json', `${JSON.stringify(collection, null, 2)}\n`);
  console.log(`client/openapi.json and client/skillquest.postman_collection.json written (${Object.keys(document.paths ?? {}).length} paths)`);
});
