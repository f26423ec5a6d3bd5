import { describe, expect, it } from 'vitest';
import { Role, type ITicket } from '@app/shared';
import { canMerge, mergeSummary } from '../../src/pages/tickets/merge-logic';

const t = (o: Partial<Pick<ITicket, 'status' | 'mergedInto'>> = {}) => ({
  status: 'registered' as ITicket['status'],
  mergedInto: null,
  ...o,
});

describe('合并重复报修 in the console', () => {
  it('is offered before anyone works on the ticket, to roles that may cancel tickets', () => {
    for (const status of ['submitted', 'registered', 'dispatched', 'accepted'] as const)
      expect(canMerge(t({ status }), [Role.CustomerManager])).toBe(true);
    for (const status of ['on_site', 'quoted', 'in_progress', 'done', 'closed', 'cancelled'] as const)
      expect(canMerge(t({ status }), [Role.CustomerManager])).toBe(false);
    expect(canMerge(t(), [Role.Supervisor])).toBe(true);
    expect(canMerge(t(), [Role.ProjectManager])).toBe(true);
    expect(canMerge(t(), [Role.Admin])).toBe(true);
    expect(canMerge(t(), [Role.Cashier])).toBe(false);
    expect(canMerge(t(), [Role.Quality])).toBe(false);
    expect(canMerge(t(), [Role.Technician])).toBe(false);
  });

  it('is not offered again on a ticket already merged', () => {
    expect(
      canMerge(t({ status: 'cancelled', mergedInto: { id: 2, serial: 'YG-261201-0002' } }), [Role.CustomerManager]),
    ).toBe(false);
  });

  it('says what happens to both reporters', () => {
    const text = mergeSummary({ serial: 'YG-261201-0003' }, 'YG-261201-0001');
    expect(text).toContain('已合并到 YG-261201-0001');
    expect(text).toContain('进度通知');
    expect(text).toContain('报价仍由该户住户确认');
  });
});
