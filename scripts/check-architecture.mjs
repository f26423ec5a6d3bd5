#!/usr/bin/env node
// Module boundaries (docs/architecture.md "Module map and the rules that keep it"), checked with
// dependency-cruiser on the real import graph:
//   - a server module never imports another module's `*.entity.ts` (it calls that module's exported service);
//   - no import cycle between server modules (the graph collapsed to one node per module), nor between files;
//   - no SQL text in a module names a table another module owns (tables found from `@Entity({ name })`);
//   - `shared` imports nothing from the apps and nothing from npm at runtime (type-only imports are fine).
// Usage: node scripts/check-architecture.mjs [root]   (root defaults to the repository; the test points it
// at a fixture). Exits 1 and prints every violation when a rule is broken.
import { cruise } from 'dependency-cruiser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const MODULE = /^server\/src\/modules\/([^/]+)\//;

export const RULES = [
  {
    name: 'no-foreign-entity',
    comment: "a module owns its tables: use the owning module's exported service, not its entity",
    severity: 'error',
    from: { path: '^server/src/modules/([^/]+)/' },
    to: { path: '^server/src/modules/([^/]+)/.*\\.entity\\.ts$', pathNot: '^server/src/modules/$1/' },
  },
  {
    name: 'no-file-cycle',
    comment: 'no import cycle between files',
    severity: 'error',
    from: { path: '^(server/src|shared/src)/' },
    to: { circular: true, dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'shared-imports-no-app',
    comment: 'shared is the bottom layer: it never imports the server, the console or the mini-program',
    severity: 'error',
    from: { path: '^shared/src/' },
    to: { path: '^(server|miniapp)/' },
  },
  {
    name: 'shared-no-runtime-dependency',
    comment: 'shared has no runtime dependency (node built-ins and type-only imports only)',
    severity: 'error',
    from: { path: '^shared/src/', pathNot: '__tests__|\\.spec\\.ts$|\\.test\\.ts$' },
    to: {
      dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
      dependencyTypesNot: ['type-only'],
    },
  },
];

/** Cycles in the module graph (one node per server module), each as a list of module names. */
export function moduleCycles(modules) {
  const edges = new Map();
  for (const m of modules) {
    const from = MODULE.exec(m.source)?.[1];
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = MODULE.exec(d.resolved)?.[1];
      if (!to || to === from || d.dependencyTypes.includes('type-only')) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
    }
  }
  const cycles = [];
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        cycles.push(
          cycle.slice(0, -1).map((n, i) => ({ from: n, to: cycle[i + 1], via: edges.get(n).get(cycle[i + 1]) })),
        );
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Raw SQL on another module's table: `FROM|JOIN|UPDATE|INTO <table>` in a module's code where another module owns <table>. */
export function foreignTableSql(root) {
  const base = join(root, 'server/src/modules');
  if (!existsSync(base)) return [];
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) files.push(path);
    }
  };
  walk(base);
  const rel = (path) =>
    path
      .slice(root.length + 1)
      .split('\\')
      .join('/');
  const owner = new Map();
  for (const file of files.filter((f) => f.endsWith('.entity.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@Entity\(\{\s*name:\s*'([a-z0-9_]+)'/g))
      owner.set(m[1], MODULE.exec(rel(file))[1]);
  }
  const problems = [];
  for (const file of files) {
    const mine = MODULE.exec(rel(file))[1];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+`?([a-z0-9_]+)`?/g)) {
      const table = m[1];
      if (owner.has(table) && owner.get(table) !== mine) {
        const line = text.slice(0, m.index).split('\n').length;
        problems.push(
          `no-foreign-table-sql: ${rel(file)}:${line} runs SQL on \`${table}\`, owned by module ${owner.get(table)}`,
        );
      }
    }
  }
  return problems;
}

export async function checkArchitecture(root = REPO) {
  const roots = ['server/src', 'shared/src'].filter((p) => existsSync(join(root, p)));
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const tsConfig = existsSync('server/tsconfig.json') ? { fileName: 'server/tsconfig.json' } : undefined;
    const result = await cruise(roots, {
      validate: true,
      ruleSet: { forbidden: RULES },
      tsPreCompilationDeps: true,
      tsConfig,
      doNotFollow: { path: 'node_modules' },
      exclude: { path: '(^|/)(dist|node_modules)/|metadata\\.ts$' },
    });
    const { modules, summary } = result.output;
    const problems = summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`,
    );
    for (const cycle of moduleCycles(modules)) {
      problems.push(
        `no-module-cycle: ${cycle.map((e) => e.from).join(' → ')} → ${cycle[0].from}\n${cycle.map((e) => `    ${e.via}`).join('\n')}`,
      );
    }
    problems.push(...foreignTableSql(root));
    const shared = join(root, 'shared/package.json');
    if (existsSync(shared) && Object.keys(JSON.parse(readFileSync(shared, 'utf8')).dependencies ?? {}).length) {
      problems.push('shared-no-runtime-dependency: shared/package.json declares "dependencies"');
    }
    return { problems, files: modules.length };
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { problems, files } = await checkArchitecture(resolve(process.argv[2] ?? REPO));
  if (problems.length) {
    console.error(
      `module boundaries: ${problems.length} violation(s) in ${files} files\n${problems.map((p) => `  ✗ ${p}`).join('\n')}`,
    );
    process.exit(1);
  }
  console.log(`module boundaries: ${files} files, no violations`);
}
