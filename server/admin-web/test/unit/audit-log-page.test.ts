import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IAuditEntryView, IStaffAccount } from '@app/shared';
import { installDomShims } from './support/dom';
import { fetchStub } from './support/fetch-stub';

/** 审计日志 against a stubbed fetch: a complaint's 调查人 and 责任人 read as names from the staff list the page loads. */
const server = fetchStub();
const { routes, calls } = server;

const account = (id: number, name: string): IStaffAccount => ({
  id,
  name,
  username: null,
  phone: null,
  status: 'active',
  mustChangePassword: false,
  grants: [],
  createdAt: '2026-11-01T00:00:00Z',
});
const entry: IAuditEntryView = {
  id: 41,
  at: '2026-12-01T02:00:00Z',
  actorId: 3,
  actorName: '赵敏',
  action: 'complaint.resolve',
  entityType: 'complaint',
  entityId: 7,
  projectId: 1,
  before: { status: 'contacted', investigatorId: 5 },
  after: { status: 'resolved', investigatorId: 5, cause: 'staff_fault', responsibleUserId: 9 },
  reason: null,
};

let antd: typeof import('antd');
let AuditLogPage: typeof import('../../src/pages/admin/AuditLogPage').default;
beforeAll(async () => {
  installDomShims();
  antd = await import('antd');
  AuditLogPage = (await import('../../src/pages/admin/AuditLogPage')).default;
}, 60_000);

let root: Root | null = null;
afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  server.reset();
  vi.unstubAllGlobals();
});

async function render(): Promise<HTMLElement> {
  server.install();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const mounted = createRoot(container);
  root = mounted;
  await act(async () => mounted.render(createElement(antd.App, null, createElement(AuditLogPage))));
  await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
  return container;
}
const cells = (page: HTMLElement, field: string) =>
  [...page.querySelectorAll('[data-testid="diff-41"] tr')]
    .find((tr) => tr.querySelector('.audit-diff__field')?.textContent === field)
    ?.querySelectorAll('td');

describe('审计日志 names staff in a complaint diff', () => {
  it('shows 调查人 and 责任人 by name, from the staff list it already loads for the 操作人 filter', async () => {
    routes['GET /api/admin/audit'] = () => ({ items: [entry], total: 1, page: 1, pageSize: 20 });
    routes['GET /api/admin/staff'] = () => ({
      items: [account(5, '郑国强'), account(9, '李强')],
      total: 2,
      page: 1,
      pageSize: 200,
    });
    const page = await render();
    expect([...cells(page, '调查人')!].map((td) => td.textContent)).toEqual(['调查人', '郑国强', '郑国强']);
    expect([...cells(page, '责任人')!].map((td) => td.textContent)).toEqual(['责任人', '', '李强']);
    expect(calls.filter((c) => c.key === 'GET /api/admin/staff')).toHaveLength(1);
  }, 20_000);

  it('falls back to the id when the staff list cannot be read', async () => {
    routes['GET /api/admin/audit'] = () => ({ items: [entry], total: 1, page: 1, pageSize: 20 });
    const page = await render();
    expect(cells(page, '责任人')![2].textContent).toBe('#9');
  }, 20_000);
});
