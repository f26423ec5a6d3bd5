import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IBinding } from '@app/shared';
import { buildCreateRequest, visitDateRange, type CreateFormValues } from '../../src/pages/tickets/create-logic';
import { rankTechnicians } from '../../src/pages/tickets/ticket-logic';
import { installDomShims } from './support/dom';

/** Issue 12, items 14 and 15: the dispatch dialog weighs load; 代客报修 finds the caller, takes photos and a visit window. */
const lookupCaller = vi.fn();
vi.mock('../../src/api/bindings', () => ({ lookupCaller: (body: unknown) => lookupCaller(body) }));

const base: CreateFormValues = {
  place: 'home',
  houseId: 7,
  kind: 'repair',
  category: 'GS',
  urgency: 'normal',
  description: '卫生间地漏返水',
  contactPhone: '13955550001',
  channel: 'phone',
};
const now = new Date(2026, 11, 1, 10, 0);

describe('代客报修: photos and the expected visit window reach the request', () => {
  it('a date and a window become preferredStart/End (local time); photos their media ids', () => {
    const built = buildCreateRequest(
      { ...base, visitDate: '2026-12-03', visitWindow: 'afternoon', mediaIds: [41, 42] },
      1,
      now,
    );
    expect(built).toMatchObject({
      ok: true,
      body: {
        houseId: 7,
        scope: 'home',
        mediaIds: [41, 42],
        preferredStart: new Date(2026, 11, 3, 14).toISOString(),
        preferredEnd: new Date(2026, 11, 3, 18).toISOString(),
      },
    });
  });

  it('no window, no date: neither is sent; half a choice names the missing field; the date stays within 30 days', () => {
    const plain = buildCreateRequest(base, 1, now);
    expect(plain.ok && ('preferredStart' in plain.body || 'mediaIds' in plain.body)).toBe(false);
    expect(buildCreateRequest({ ...base, visitDate: '2026-12-03' }, 1, now)).toMatchObject({
      ok: false,
      field: 'visitWindow',
    });
    expect(buildCreateRequest({ ...base, visitWindow: 'morning' }, 1, now)).toMatchObject({
      ok: false,
      field: 'visitDate',
    });
    expect(visitDateRange(now)).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(buildCreateRequest({ ...base, visitDate: '2027-01-01', visitWindow: 'morning' }, 1, now)).toMatchObject({
      ok: false,
      field: 'visitDate',
    });
    expect(buildCreateRequest({ ...base, visitDate: '2026-11-30', visitWindow: 'morning' }, 1, now)).toMatchObject({
      ok: false,
      field: 'visitDate',
    });
  });
});

describe("dispatch dialog: each technician's open jobs and today's appointments", () => {
  const techs = [
    { userId: 1, name: '王师傅', onDuty: true, skills: ['水'], maxOpenJobs: 5 },
    { userId: 2, name: '李师傅', onDuty: true, skills: ['水'], maxOpenJobs: 2 },
    { userId: 3, name: '赵师傅', onDuty: true, skills: ['水'], maxOpenJobs: 5 },
  ];
  const rule = { configured: true, openToAll: false, skills: ['水'] };

  it('labels the load, marks a technician at the cap, and puts the least busy with room first', () => {
    const loads = [
      { technicianId: 1, openJobs: 3, visitsToday: 2 },
      { technicianId: 2, openJobs: 2, visitsToday: 0 },
      { technicianId: 3, openJobs: 0, visitsToday: 0 },
    ];
    const ranked = rankTechnicians(techs, rule, loads);
    expect(ranked.map((t) => [t.name, t.load?.text])).toEqual([
      ['赵师傅', '在办 0 单 · 今日预约 0'],
      ['王师傅', '在办 3 单 · 今日预约 2'],
      ['李师傅', '在办 2 单（已满） · 今日预约 0'],
    ]);
  });

  it('without load figures (still loading, or refused) the list still ranks by duty and skill', () => {
    expect(rankTechnicians(techs, rule).map((t) => [t.name, t.load])).toEqual([
      ['李师傅', null],
      ['王师傅', null],
      ['赵师傅', null],
    ]);
  });
});

describe('来电住户: the caller by phone, then their house', () => {
  let CallerLookup: typeof import('../../src/pages/tickets/CallerLookup').CallerLookup;
  let container: HTMLDivElement | null = null;
  beforeAll(async () => {
    installDomShims();
    CallerLookup = (await import('../../src/pages/tickets/CallerLookup')).CallerLookup;
  }, 60_000);
  afterEach(() => {
    container?.remove();
    container = null;
  });

  const binding = (id: number, houseId: number, houseLabel: string): IBinding =>
    ({
      id,
      houseId,
      houseLabel,
      name: '周敏',
      relation: 'owner',
      phoneMasked: '139****0001',
      status: 'approved',
    }) as IBinding;

  async function search(phone: string) {
    const onPick = vi.fn();
    container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    await act(async () => root.render(createElement(CallerLookup, { projectId: 3, onPick })));
    const input = container.querySelector(
      '[data-testid="caller-phone"] input, input[data-testid="caller-phone"]',
    ) as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    await act(async () => {
      setValue.call(input, phone);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (container!.querySelector('button') as HTMLButtonElement).click());
    await act(async () => new Promise((resolve) => setTimeout(resolve, 10)));
    return { page: container, onPick };
  }

  it("lists the caller's houses with the relation in words; picking one fills the form", async () => {
    lookupCaller.mockResolvedValue([binding(11, 101, '2栋1单元302'), binding(12, 102, '5栋2单元1101')]);
    const { page, onPick } = await search('13955550001');
    expect(lookupCaller).toHaveBeenCalledWith({ projectId: 3, phone: '13955550001' });
    const options = [...page.querySelectorAll('[data-testid="caller-houses"] label')].map((l) => l.textContent);
    expect(options).toEqual(['2栋1单元302 · 周敏（业主）', '5栋2单元1101 · 周敏（业主）']);
    expect(page.textContent).not.toContain('owner');
    await act(async () =>
      (page.querySelectorAll('[data-testid="caller-houses"] input')[1] as HTMLInputElement).click(),
    );
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ houseId: 102 }), '13955550001');
  }, 20_000);

  it('a number without verified houses says so; a malformed one is refused before asking the server', async () => {
    lookupCaller.mockReset().mockResolvedValue([]);
    const none = await search('13900000000');
    expect(none.page.querySelector('[data-testid="caller-none"]')).not.toBeNull();
    expect(none.onPick).toHaveBeenLastCalledWith(null, '13900000000');
    container?.remove();
    lookupCaller.mockClear();
    const bad = await search('12345');
    expect(lookupCaller).not.toHaveBeenCalled();
    expect(bad.page.textContent).toContain('请填写有效的 11 位手机号');
  }, 20_000);
});
