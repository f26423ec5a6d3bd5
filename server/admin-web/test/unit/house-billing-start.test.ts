import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IHouseDetail } from '@app/shared';
import { installDomShims } from './support/dom';
import { fetchStub } from './support/fetch-stub';

/** The house drawer's 「计费起始日」 against a stubbed fetch: shown to everyone, set or cleared with house.edit. */
const house: IHouseDetail = {
  id: 5,
  projectId: 1,
  buildingId: 2,
  unitId: 3,
  buildingName: '1栋',
  unitName: '1单元',
  roomNo: '101',
  floor: 1,
  areaHundredths: 8950,
  type: 'residential',
  label: '1栋1单元101',
  billingStartDate: '2026-11-15',
  projectName: '阳光花园',
  customerManager: null,
  bindings: [],
};
const server = fetchStub();
const { calls } = server;
server.routes['GET /api/property/houses/5'] = () => house;
server.routes['PUT /api/property/houses/5/billing-start'] = () => ({ ...house, billingStartDate: null });

let antd: typeof import('antd');
let HouseDetailDrawer: typeof import('../../src/pages/houses/HouseDetailDrawer').HouseDetailDrawer;
beforeAll(async () => {
  installDomShims();
  antd = await import('antd');
  HouseDetailDrawer = (await import('../../src/pages/houses/HouseDetailDrawer')).HouseDetailDrawer;
}, 60_000);

let container: HTMLDivElement | null = null;
let root: ReturnType<typeof createRoot> | null = null;
afterEach(async () => {
  // Unmount inside act: the success message's close timer must not fire into a finished test.
  await act(async () => root?.unmount());
  root = null;
  container?.remove();
  container = null;
  calls.length = 0;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});
const settle = (ms: number) => act(async () => new Promise((resolve) => setTimeout(resolve, ms)));
async function render(canEdit: boolean): Promise<HTMLElement> {
  server.install();
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  const mounted = root;
  await act(async () =>
    mounted.render(
      createElement(antd.App, null, createElement(HouseDetailDrawer, { houseId: 5, canEdit, onClose: () => {} })),
    ),
  );
  await settle(100);
  return document.body;
}

describe('房屋详情 · 计费起始日', () => {
  it('a role without house.edit sees the date, with no picker', async () => {
    const body = await render(false);
    const field = body.querySelector('[data-testid="billing-start"]');
    expect(field?.textContent).toBe('2026-11-15');
    expect(body.querySelector('.ant-picker')).toBeNull();
  }, 20_000);

  it('with house.edit: 保存 stays off until the date changes; clearing it saves null through the route', async () => {
    const body = await render(true);
    const save = () =>
      [...body.querySelectorAll('[data-testid="billing-start"] button')].find(
        (b) => b.textContent?.replace(/\s/g, '') === '保存',
      ) as HTMLButtonElement;
    expect((body.querySelector('[data-testid="billing-start"] input') as HTMLInputElement).value).toBe('2026-11-15');
    expect(save().disabled).toBe(true);
    const clear = body.querySelector('[data-testid="billing-start"] .ant-picker-clear') as HTMLElement;
    await act(async () => {
      clear.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
      clear.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      clear.click();
    });
    expect(save().disabled).toBe(false);
    await act(async () => save().click());
    await settle(50);
    expect(calls.find((c) => c.key === 'PUT /api/property/houses/5/billing-start')?.body).toEqual({
      billingStartDate: null,
    });
    expect(body.textContent).toContain('已清除计费起始日');
  }, 20_000);
});
