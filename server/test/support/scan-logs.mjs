#!/usr/bin/env node
// R9: after an e2e run with E2E_LOG_FILE set, the log must hold no personal data.
// Exits 1 listing what it found; also fails when the log is too small to mean anything.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const text = readFileSync(file, 'utf8');
const lines = text.split('\n').filter(Boolean);
const patterns = {
  // Not next to letters or digits: request ids are UUIDs, whose hex runs can contain 11 digits starting with 1.
  'mobile number': /(?<![0-9A-Za-z.])1[3-9]\d{9}(?![0-9A-Za-z])/,
  openid: /\boE2E[0-9a-f]{8,}|demo-openid-/,
  JWT: /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  password: /Passw0rd-e2e|Demo@2026/,
  'WeChat code':
    /"code":"(?!NOT_FOUND|VALIDATION|UNAUTH|TOKEN|REFRESH|INVALID|ACCOUNT|FORBIDDEN|CONFLICT|STATE|RATE|DEMO|WECHAT|IMPORT|INTERNAL)[^"]{6,}"/,
};
const requests = lines.filter((l) => l.includes('"req":')).length;
let findings = 0;
for (const [what, re] of Object.entries(patterns)) {
  const hits = lines.filter((l) => re.test(l));
  if (hits.length) {
    findings += hits.length;
    process.stdout.write(`${what}: ${hits.length} line(s), e.g. ${hits[0].slice(0, 300)}\n`);
  }
}
process.stdout.write(`scanned ${lines.length} log lines (${requests} request lines) in ${file}\n`);
if (requests < 50) {
  process.stdout.write('too few request lines: the e2e run did not log, so this check would prove nothing\n');
  process.exit(1);
}
process.exit(findings ? 1 : 0);
