// Rules of `npm test` itself (issue 7, item 16): with CI set, a MariaDB that does not answer is a failed
// stage, never a warning followed by an SQLite-only run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** A loopback port that nothing listens on. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function runStage(env) {
  const { CI: _ci, ...inherited } = process.env;
  return spawnSync(process.execPath, ['scripts/test.mjs', 'e2e: server on MariaDB/MySQL'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

test('with CI set, an unreachable MariaDB fails the run', async () => {
  const res = runStage({ CI: 'true', DATABASE_URL: `mysql://root@127.0.0.1:${await closedPort()}/none` });
  assert.equal(res.status, 1, res.stdout + res.stderr);
  assert.match(res.stdout, /e2e: server on MariaDB\/MySQL: 0 passed, 1 failed/);
  assert.match(res.stdout, /^0 passed, 1 failed$/m);
});

test('without CI, an unreachable MariaDB is reported and the run goes on', async () => {
  const res = runStage({ DATABASE_URL: `mysql://root@127.0.0.1:${await closedPort()}/none` });
  assert.equal(res.status, 0, res.stdout + res.stderr);
  assert.match(res.stdout + res.stderr, /No MySQL reachable/);
  assert.match(res.stdout, /^0 passed, 0 failed$/m);
});
