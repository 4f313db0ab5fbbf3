// Copies Chart.js's browser build from node_modules into public/vendor, so the admin dashboard's charts
// are served by the worker itself (CSP script-src 'self', no CDN). Runs on npm install (postinstall).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// Its exports map hides package.json: resolve the CommonJS entry, which sits beside the browser build in dist/.
const source = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
const target = path.join(import.meta.dirname, '..', 'public', 'vendor');

mkdirSync(target, { recursive: true });
copyFileSync(source, path.join(target, 'chart.umd.min.js'));
console.log('chart.js: copied to public/vendor/chart.umd.min.js');
