// P3 (docs quality bars): weight of the weapp packages and of the H5 first-load JavaScript (all H5 JS is reported too).
// Prints one BENCH line per bar; exits 1 when a bar is missed. Needs `pnpm build` first.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BARS = {
  mainPackageBytes: 512 * 1024,
  subPackageBytes: 1024 * 1024,
  totalBytes: 2 * 1024 * 1024,
  /** First-load H5 JS (gzip): what index.html loads; page chunks come on navigation. */
  h5JsGzipBytes: 300 * 1024,
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEAPP_DIST = path.resolve(here, '..', 'dist', 'weapp');
export const H5_DIST = path.resolve(here, '..', 'dist', 'h5');

// Files the devtools never upload as package content.
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

export function listFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(dir, path.join(entry.parentPath ?? entry.path, entry.name))
        .split(path.sep)
        .join('/'),
    );
}

export function weappSizes(dist = WEAPP_DIST) {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/$/, ''));
  const sizes = { main: 0, subPackages: Object.fromEntries(roots.map((root) => [root, 0])), total: 0 };
  for (const file of listFiles(dist)) {
    if (NOT_UPLOADED.has(file) || file.endsWith('.map')) continue;
    const bytes = fs.statSync(path.join(dist, file)).size;
    const root = roots.find((r) => file.startsWith(`${r}/`));
    if (root) sizes.subPackages[root] += bytes;
    else sizes.main += bytes;
    sizes.total += bytes;
  }
  return sizes;
}

const gzipBytes = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Gzip size of all H5 JavaScript, every page's chunk included: an upper bound, not what a visit fetches. */
export function h5JsGzipBytes(dist = H5_DIST) {
  return listFiles(dist)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipBytes(path.join(dist, file)), 0);
}

/**
 * The scripts index.html loads before anything renders (webpack entry + its static chunks). Taro's H5 router loads
 * each page as its own chunk on navigation (`import()` per page), so those are not part of the first load.
 */
export function h5FirstLoadScripts(dist = H5_DIST) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => {
    // Built for publicPath /h5/: "/h5/js/app.1234.js" → "js/app.1234.js".
    const file = src
      .replace(/^(https?:)?\/\/[^/]+/, '')
      .replace(/^\/h5\//, '')
      .replace(/^\//, '');
    if (!fs.existsSync(path.join(dist, file))) throw new Error(`index.html loads ${src}, not found in ${dist}`);
    return file;
  });
}

/** P3's H5 bar is first-load JavaScript: gzip size of what index.html itself loads. */
export function h5FirstLoadJsGzipBytes(dist = H5_DIST) {
  return h5FirstLoadScripts(dist).reduce((sum, file) => sum + gzipBytes(path.join(dist, file)), 0);
}

function line(name, value, bar) {
  const ratio = (value / bar).toFixed(2);
  return `BENCH P3 ${name} kb=${(value / 1024).toFixed(1)} bar_kb=${(bar / 1024).toFixed(0)} ratio=${ratio} ${value <= bar ? 'ok' : 'FAIL'}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = [];
  const weapp = weappSizes();
  lines.push(line('weapp-main', weapp.main, BARS.mainPackageBytes));
  for (const [root, bytes] of Object.entries(weapp.subPackages))
    lines.push(line(`weapp-sub:${root}`, bytes, BARS.subPackageBytes));
  lines.push(line('weapp-total', weapp.total, BARS.totalBytes));
  if (fs.existsSync(H5_DIST)) {
    lines.push(line('h5-first-load-js-gzip', h5FirstLoadJsGzipBytes(), BARS.h5JsGzipBytes));
    // Reported, not gated: every page chunk together, which no single visit downloads.
    lines.push(`${line('h5-all-js-gzip', h5JsGzipBytes(), BARS.h5JsGzipBytes).replace(/ (ok|FAIL)$/, '')} info`);
  }
  console.log(lines.join('\n'));
  process.exit(lines.some((l) => l.endsWith('FAIL')) ? 1 : 0);
}
