// Issue 8: the clients call the API only through the shared route table (shared/src/api/*-routes.ts), so a
// renamed route breaks their typecheck instead of a page at run time. This check fails when a source file of the
// console or the mini-program holds a string or template literal with `/api/` in it. Comments may name paths.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SOURCES = ['server/admin-web/src', 'miniapp/src'];

/**
 * Literals that legitimately mention /api/ without being a route, each with its reason. Keyed by file and the
 * literal's exact text; anything else fails. Keep it short: a path belongs in the table.
 */
const ALLOWED = [
  {
    file: 'server/admin-web/src/api/http.ts',
    text: '/api/',
    reason:
      'the transport refuses any raw path that does not start with /api/ (a leftover relative path would load the console page)',
  },
  {
    file: 'server/admin-web/src/api/http.ts',
    text: ' must be a full /api/… path (better: a ROUTES entry in @app/shared)',
    reason: 'the error message of that same guard',
  },
];

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

/** `import … from '../services/api/auth'` names a module, not a route. */
const isModuleSpecifier = (node) =>
  ((ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent)) &&
    node.parent.moduleSpecifier === node) ||
  ts.isExternalModuleReference(node.parent) ||
  (ts.isLiteralTypeNode(node.parent) && ts.isImportTypeNode(node.parent.parent)) ||
  (ts.isCallExpression(node.parent) && node.parent.expression.kind === ts.SyntaxKind.ImportKeyword);

/** Every literal of the file whose text contains /api/, with its line (comments, JSX text and module names are not). */
export function apiLiterals(fileName, source) {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found = [];
  const visit = (node) => {
    if (LITERAL_KINDS.has(node.kind) && node.text.includes('/api/') && !isModuleSpecifier(node)) {
      found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(entry.name) ? [path] : [];
  });
}

test('the checker finds /api/ in strings and templates, and not in comments', () => {
  const source = [
    "// GET '/api/tickets' in a comment is fine",
    '/** POST `/api/media` too */',
    "const a = http.get('/api/admin/staff')",
    'const b = http.post(`/api/admin/staff/${id}/status`, body)',
    'const c = `${base}/api/x`',
    'const d = <Text>/api/ shown as text</Text>',
    "import { getMe } from '../../services/api/auth'",
    "const e = await import('../api/admin')",
  ].join('\n');
  assert.deepEqual(
    apiLiterals('fixture.tsx', source).map((f) => [f.line, f.text]),
    [
      [3, '/api/admin/staff'],
      [4, '/api/admin/staff/'],
      [5, '/api/x'],
    ],
  );
});

test('no console or mini-program source file has an /api/ literal outside the route table', () => {
  const offenders = [];
  const used = new Set();
  for (const dir of SOURCES) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      const file = relative(ROOT, path);
      for (const hit of apiLiterals(file, readFileSync(path, 'utf8'))) {
        const allowed = ALLOWED.findIndex((a) => a.file === file && a.text === hit.text);
        if (allowed >= 0) used.add(allowed);
        else offenders.push(`${file}:${hit.line} ${JSON.stringify(hit.text)}`);
      }
    }
  }
  assert.deepEqual(
    offenders,
    [],
    'call a ROUTES entry of @app/shared (shared/src/api/*-routes.ts) instead of a path string',
  );
  // A stale allowance would let a new literal of the same text through unnoticed.
  assert.deepEqual(
    ALLOWED.filter((_, i) => !used.has(i)).map((a) => `${a.file} ${JSON.stringify(a.text)}`),
    [],
    'remove allow-list entries that no longer match',
  );
});
