// Measures the console's first-load JavaScript: the scripts index.html loads plus every chunk they
// import statically (transitively), gzip-compressed. Lazy page chunks are excluded. Fails above budget.
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.FIRST_LOAD_BUDGET_KB ?? 600);
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const toDistPath = (src) => normalize(src.replace(/^\/admin\//, '').replace(/^\.\//, ''));
const queue = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
  (m) => toDistPath(m[1]),
);
const seen = new Set();
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports only: `import ... from "./x.js"` and `import "./x.js"`, never `import("./x.js")`.
  for (const m of code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+\.js)["']/g)) {
    queue.push(join(dirname(file), m[1]));
  }
}

let total = 0;
for (const file of [...seen].sort()) {
  const gz = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${file}`);
}
console.log(`first-load JS (gzip): ${(total / 1024).toFixed(1)} KB in ${seen.size} files; budget ${BUDGET_KB} KB`);
if (total / 1024 > BUDGET_KB) {
  console.error('first-load JS is over budget');
  process.exit(1);
}
