// This workplace's npm registry mirror lacks workerd's macOS and Windows builds, so `npm install`
// leaves them out of package-lock.json, and `npm ci` then refuses the lockfile ("Missing: … from
// lock file"). This adds each missing optional platform package beside its Linux sibling, with its
// os/cpu, so `npm ci` accepts the lockfile and skips them on Linux. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS = { 'darwin-64': ['darwin', 'x64'], 'darwin-arm64': ['darwin', 'arm64'], 'windows-64': ['win32', 'x64'] };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;

/** Where `dep` resolves from the package at `from` (Node's lookup: walk up the node_modules chain). */
function resolvedPath(from, dep, version) {
  for (let base = from; ; ) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (packages[candidate] && (!version || packages[candidate].version === version)) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const suffix = Object.keys(PLATFORMS).find((s) => dep.endsWith(`-${s}`));
    if (!suffix || resolvedPath(path, dep, version)) continue;
    const sibling = resolvedPath(path, dep.replace(new RegExp(`-${suffix}$`), '-linux-64'), version);
    if (!sibling) continue;
    const [os, cpu] = PLATFORMS[suffix];
    const { dev, license } = packages[sibling];
    packages[sibling.replace(/-linux-64$/, `-${suffix}`)] = { version, cpu: [cpu], dev, license, optional: true, os: [os] };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: ${added} platform entries added`);
