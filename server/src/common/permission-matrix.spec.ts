import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PERMISSIONS, PERMISSIONS, ROLE_LABELS, STAFF_ROLES } from '@app/shared';

const DOC = join(__dirname, '../../../docs/architecture.md');
const START =
  '<!-- permissions:start (generated from shared/src/permissions.ts: UPDATE_DOCS=1 pnpm exec jest permission-matrix in server/) -->';
const END = '<!-- permissions:end -->';
const SCOPE_LABELS = { project: '项目', region: '区域', company: '公司' } as const;

function matrix(): string {
  const head = `| Permission | 中文 | Scope | ${STAFF_ROLES.map((r) => ROLE_LABELS[r]).join(' | ')} |`;
  const rule = `|---|---|---|${STAFF_ROLES.map(() => ':-:').join('|')}|`;
  const rows = ALL_PERMISSIONS.map((p) => {
    const { label, scope, roles } = PERMISSIONS[p];
    return `| \`${p}\` | ${label} | ${SCOPE_LABELS[scope]} | ${STAFF_ROLES.map((r) => (roles.includes(r) ? '✓' : '')).join(' | ')} |`;
  });
  return [START, head, rule, ...rows, END].join('\n');
}

describe('the permission matrix in docs/architecture.md', () => {
  it('is the table as it is', () => {
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    expect(from).toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const current = doc.slice(from, to + END.length);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, doc.replace(current, matrix()));
    else expect(current).toBe(matrix());
  });
});
