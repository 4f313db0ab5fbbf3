// Copies Swagger UI's browser files from node_modules into public/swagger-ui, so /docs is served by
// the worker itself and renders with no internet. Runs on npm install (postinstall) and before dev/test.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const target = path.join(import.meta.dirname, '..', 'public', 'swagger-ui');
const files = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png'];

mkdirSync(target, { recursive: true });
for (const file of files) copyFileSync(path.join(source, file), path.join(target, file));
console.log(`swagger-ui: ${files.length} files copied to public/swagger-ui`);
