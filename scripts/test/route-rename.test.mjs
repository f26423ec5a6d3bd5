// Issue 8 item 4: renaming a route or a contract field in the shared table breaks the typecheck of the
// mini-program, the console and the server's e2e model test. A copy of the tree gets one route key and one
// request field renamed; each package's own `tsc` must then fail, at the places that call them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const PACKAGES = ['shared', 'server', 'server/admin-web', 'miniapp'];
let copy;

function edit(file, from, to) {
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(from.test(text), `${file} no longer contains ${from}: update this test with the table`);
  writeFileSync(path, text.replace(from, to));
}

/** `tsc --noEmit` of one package in the copy; returns the error lines. */
function typecheck(pkg, project = 'tsconfig.json') {
  const tsc = join(ROOT, pkg, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty', 'false'], {
    cwd: join(copy, pkg),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.notEqual(res.status, 0, `${pkg} still typechecks after the renames`);
  const errors = res.stdout.split('\n').filter((line) => line.includes(': error TS'));
  // A broken copy (a missing file or module) would fail too, for the wrong reason.
  assert.deepEqual(
    errors.filter((line) => /TS2307|TS6059|TS5083/.test(line)),
    [],
  );
  return errors;
}

const hits = (errors, file, pattern) => errors.filter((line) => line.startsWith(file) && pattern.test(line));

before(() => {
  copy = mkdtempSync(join(tmpdir(), 'route-rename-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  for (const file of files.filter((f) => PACKAGES.some((p) => f.startsWith(`${p}/`)) || !f.includes('/'))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    try {
      cpSync(join(ROOT, file), join(copy, file));
    } catch {
      // listed but deleted in the working tree
    }
  }
  for (const pkg of ['.', ...PACKAGES]) symlinkSync(join(ROOT, pkg, 'node_modules'), join(copy, pkg, 'node_modules'));
  // The server resolves @app/shared through node_modules (the built dist of the real tree): point it at the copy.
  writeFileSync(
    join(copy, 'server', 'tsconfig.rename.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { rootDir: '..', paths: { '@app/shared': ['../shared/src/index.ts'] } },
    }),
  );
  // A route key (GET /api/tickets/:id) and a request field (ICreateTicketRequest.description).
  edit('shared/src/api/ticket-routes.ts', /\n {2}one: get<ITicket>\(\)/, '\n  detail: get<ITicket>()');
  edit(
    'shared/src/contracts/tickets.ts',
    /(export interface ICreateTicketRequest \{[^}]*?\n {2})description: string;/,
    '$1summary: string;',
  );
  // 系统管理 and 修改密码 (issue 8): the console's administration calls and both clients' own password change.
  edit('shared/src/api/administration-routes.ts', /\n {2}resetStaffPassword: post</, '\n  issuePassword: post<');
  edit('shared/src/api/routes.ts', /\n {4}changePassword: post</, '\n    setPassword: post<');
});

after(() => rmSync(copy, { recursive: true, force: true }));

test('the mini-program no longer typechecks where it calls the renamed route and builds the renamed field', () => {
  const errors = typecheck('miniapp');
  assert.ok(hits(errors, 'src/services/api/tickets.ts', /'one'/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/', /description|summary/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/services/api/auth.ts', /'changePassword'/).length > 0, errors.join('\n'));
});

test('the console no longer typechecks where it calls the renamed route and builds the renamed field', () => {
  const errors = typecheck('server/admin-web');
  assert.ok(hits(errors, 'src/api/tickets.ts', /'one'/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/', /description|summary/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/api/admin.ts', /'resetStaffPassword'/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/api/admin.ts', /'changePassword'/).length > 0, errors.join('\n'));
});

test('the e2e model test no longer typechecks (route and field), nor does the DTO implementing the contract', () => {
  const errors = typecheck('server', 'tsconfig.rename.json');
  const spec = 'test/e2e/tickets-model.e2e-spec.ts';
  assert.ok(hits(errors, spec, /'one'/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, spec, /description|summary/).length > 0, errors.join('\n'));
  assert.ok(hits(errors, 'src/modules/tickets/', /ICreateTicketRequest|summary/).length > 0, errors.join('\n'));
});
