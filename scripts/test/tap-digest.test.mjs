// CI's log must show why a journey failed, not only that it did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tapDigest } from '../lib/tap-digest.mjs';

const TAP = `TAP version 13
# Subtest: console SLA pages (browser)
    # Subtest: sup1 sets a category limit
    not ok 1 - sup1 sets a category limit
      ---
      duration_ms: 5321
      failureType: 'testCodeFailure'
      error: |-
        The input did not match the regular expression /家政服务类/. Input:
        '家政服务类\\t紧急'
      code: 'ERR_ASSERTION'
      stack: |-
        at TestContext.<anonymous> (sla.e2e.test.mjs:62:12)
      ...
    # Subtest: pm1 reads the report
    ok 2 - pm1 reads the report
      ---
      duration_ms: 812
      ...
not ok 1 - console SLA pages (browser)
  ---
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
# tests 2
# pass 1
# fail 1
`;

test('a failing test keeps its whole error block; a passing one keeps only its line', () => {
  const out = tapDigest(TAP);
  assert.match(
    out,
    /not ok 1 - sup1 sets a category limit\n.*\n.*duration_ms: 5321\n.*failureType: 'testCodeFailure'\n.*error: \|-\n.*did not match the regular expression/,
  );
  assert.match(out, /'家政服务类\\t紧急'/);
  assert.match(out, /sla\.e2e\.test\.mjs:62:12/);
  assert.doesNotMatch(out, /duration_ms: 812/);
  assert.match(out, /ok 2 - pm1 reads the report/);
  assert.match(out, /error: '1 subtest failed'/);
  assert.match(out, /^# fail 1$/m);
});

test('a long failure block is capped', () => {
  const long = `not ok 1 - x\n  ---\n  error: |-\n${Array.from({ length: 100 }, (_, i) => `    line ${i}`).join('\n')}\n  ...\n# fail 1\n`;
  const out = tapDigest(long, 10);
  assert.match(out, /line 7\n/);
  assert.doesNotMatch(out, /line 8\n/);
  assert.match(out, /# fail 1/);
});
