// The module-boundary rule (scripts/check-architecture.mjs) must be able to fail: a fixture with a
// cross-module entity import, a module cycle and a shared → server import is refused, the real tree passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const CHECK = join(ROOT, 'scripts', 'check-architecture.mjs');

function fixture(files) {
  const dir = mkdtempSync(join(tmpdir(), 'arch-fixture-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const run = (root) => spawnSync(process.execPath, [CHECK, root], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

test('a cross-module entity import, a module cycle and shared importing the server all fail', () => {
  const dir = fixture({
    'server/src/modules/houses/house.entity.ts': 'export class House { id = 0; }\n',
    'server/src/modules/houses/houses.service.ts':
      "import { TicketsService } from '../tickets/tickets.service';\nexport class HousesService { constructor(readonly t: TicketsService) {} }\n",
    'server/src/modules/tickets/tickets.service.ts':
      "import { House } from '../houses/house.entity';\nexport class TicketsService { h = new House(); }\n",
    'shared/src/index.ts':
      "import { House } from '../../server/src/modules/houses/house.entity';\nexport const h = new House();\n",
  });
  try {
    const res = run(dir);
    assert.equal(res.status, 1, res.stdout + res.stderr);
    assert.match(
      res.stderr,
      /no-foreign-entity: server\/src\/modules\/tickets\/tickets\.service\.ts → server\/src\/modules\/houses\/house\.entity\.ts/,
    );
    assert.match(res.stderr, /no-module-cycle: houses → tickets → houses/);
    assert.match(
      res.stderr,
      /shared-imports-no-app: shared\/src\/index\.ts → server\/src\/modules\/houses\/house\.entity\.ts/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("raw SQL on another module's table fails, SQL on the module's own table passes", () => {
  const dir = fixture({
    'server/src/modules/tickets/ticket.entity.ts':
      "@Entity({ name: 'tickets' })\nexport class Ticket { id = 0; }\nfunction Entity(_: unknown) { return (_c: unknown) => undefined; }\n",
    'server/src/modules/tickets/ticket-jobs.ts':
      "export const own = 'SELECT COUNT(*) FROM tickets WHERE technician_id = ?';\n",
    'server/src/modules/charges/charge-store.ts':
      "export const sql = 'SELECT technician_id FROM tickets WHERE id = ?';\n",
  });
  try {
    const res = run(dir);
    assert.equal(res.status, 1, res.stdout + res.stderr);
    assert.match(
      res.stderr,
      /no-foreign-table-sql: server\/src\/modules\/charges\/charge-store\.ts:1 runs SQL on `tickets`, owned by module tickets/,
    );
    assert.doesNotMatch(res.stderr, /ticket-jobs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('importing an exported service of another module, without a cycle, passes', () => {
  const dir = fixture({
    'server/src/modules/houses/house.entity.ts': 'export class House { id = 0; }\n',
    'server/src/modules/houses/houses.service.ts':
      "import { House } from './house.entity';\nexport class HousesService { labels(): House[] { return []; } }\n",
    'server/src/modules/tickets/tickets.service.ts':
      "import { HousesService } from '../houses/houses.service';\nexport class TicketsService { constructor(readonly h: HousesService) {} }\n",
    'shared/src/index.ts': 'export const x = 1;\n',
  });
  try {
    const res = run(dir);
    assert.equal(res.status, 0, res.stdout + res.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the real tree keeps the module boundaries', () => {
  const res = run(ROOT);
  assert.equal(res.status, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /no violations/);
});
