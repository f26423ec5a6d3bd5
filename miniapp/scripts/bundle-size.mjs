// P3 (docs quality bars): weight of the weapp packages and of the H5 JavaScript.
// Prints one BENCH line per bar; exits 1 when a bar is missed. Needs `pnpm build` first.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

export const BARS = {
  mainPackageBytes: 512 * 1024,
  subPackageBytes: 1024 * 1024,
  totalBytes: 2 * 1024 * 1024,
  h5JsGzipBytes: 300 * 1024,
}

const here = path.dirname(fileURLToPath(import.meta.url))
export const WEAPP_DIST = path.resolve(here, '..', 'dist', 'weapp')
export const H5_DIST = path.resolve(here, '..', 'dist', 'h5')

// Files the devtools never upload as package content.
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json'])

export function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
}

export function weappSizes(dist = WEAPP_DIST) {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((pkg) => pkg.root.replace(/\/$/, ''))
  const sizes = { main: 0, subPackages: Object.fromEntries(roots.map((root) => [root, 0])), total: 0 }
  for (const file of listFiles(dist)) {
    if (NOT_UPLOADED.has(file) || file.endsWith('.map')) continue
    const bytes = fs.statSync(path.join(dist, file)).size
    const root = roots.find((r) => file.startsWith(`${r}/`))
    if (root) sizes.subPackages[root] += bytes
    else sizes.main += bytes
    sizes.total += bytes
  }
  return sizes
}

/** Gzip size of all H5 JavaScript: an upper bound of what the first page load fetches. */
export function h5JsGzipBytes(dist = H5_DIST) {
  return listFiles(dist)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length, 0)
}

function line(name, value, bar) {
  const ratio = (value / bar).toFixed(2)
  return `BENCH P3 ${name} kb=${(value / 1024).toFixed(1)} bar_kb=${(bar / 1024).toFixed(0)} ratio=${ratio} ${value <= bar ? 'ok' : 'FAIL'}`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = []
  const weapp = weappSizes()
  lines.push(line('weapp-main', weapp.main, BARS.mainPackageBytes))
  for (const [root, bytes] of Object.entries(weapp.subPackages)) lines.push(line(`weapp-sub:${root}`, bytes, BARS.subPackageBytes))
  lines.push(line('weapp-total', weapp.total, BARS.totalBytes))
  if (fs.existsSync(H5_DIST)) lines.push(line('h5-js-gzip', h5JsGzipBytes(), BARS.h5JsGzipBytes))
  console.log(lines.join('\n'))
  process.exit(lines.some((l) => l.endsWith('FAIL')) ? 1 : 0)
}
