import { describe, expect, it } from 'vitest';
import { Role, type IComplaint, type IInboxMessage } from '@app/shared';
import { bellTarget, complaintLink } from '../../src/components/notifications/message-target';
import { buildMenu } from '../../src/layout/access';
import { complaintDeadlines, countdown, staffActions } from '../../src/pages/complaints/complaint-logic';

const complaint = (o: Partial<IComplaint> = {}): IComplaint => ({
  id: 1,
  number: 'TS-000001',
  projectId: 1,
  houseId: 1,
  houseLabel: '1栋101',
  ticketId: null,
  ticketSerial: null,
  complainantId: 9,
  contactName: null,
  contactPhone: null,
  category: 'quality',
  description: '漏水',
  channel: 'mini_program',
  status: 'open',
  version: 0,
  investigatorId: null,
  investigatorName: null,
  contactDueAt: '2026-11-22T04:00:00.000Z',
  contactedAt: null,
  resolveDueAt: '2026-11-24T02:00:00.000Z',
  resolvedAt: null,
  closedAt: null,
  resolution: null,
  responsibleUserId: null,
  responsibleName: null,
  cause: null,
  disputeCount: 0,
  escalated: false,
  contactOverdue: false,
  resolveOverdue: false,
  createdAt: '2026-11-22T02:00:00.000Z',
  updatedAt: '2026-11-22T02:00:00.000Z',
  ...o,
});

describe('complaint console logic', () => {
  it('handlers get every action the status allows; an investigator only their own work; others nothing', () => {
    expect(staffActions(complaint(), [Role.CustomerManager], 5)).toEqual(['assign', 'contact', 'note']);
    expect(staffActions(complaint({ status: 'contacted' }), [Role.ProjectManager], 5)).toEqual([
      'assign',
      'note',
      'resolve',
    ]);
    expect(staffActions(complaint({ status: 'resolved' }), [Role.CustomerManager], 5)).toEqual(['note', 'confirm']);
    expect(staffActions(complaint({ status: 'disputed', investigatorId: 7 }), [Role.Supervisor], 7)).toEqual([
      'note',
      'resolve',
    ]);
    expect(staffActions(complaint({ status: 'contacted', investigatorId: 7 }), [Role.Supervisor], 8)).toEqual([]);
    expect(staffActions(complaint({ status: 'closed' }), [Role.Admin], 5)).toEqual([]);
  });

  it('countdowns: time left, last half hour, late, met on time or late', () => {
    const at = new Date('2026-11-22T03:00:00.000Z');
    expect(countdown('联系', '2026-11-22T04:00:00.000Z', null, at)).toEqual({
      tone: 'blue',
      text: '联系：剩余 1 小时',
    });
    expect(countdown('联系', '2026-11-22T03:20:00.000Z', null, at)).toEqual({
      tone: 'orange',
      text: '联系：剩余 20 分钟',
    });
    expect(countdown('联系', '2026-11-22T02:30:00.000Z', null, at)).toEqual({
      tone: 'red',
      text: '联系：已超时 30 分钟',
    });
    expect(countdown('联系', '2026-11-22T04:00:00.000Z', '2026-11-22T03:00:00.000Z', at).text).toBe('联系：按时完成');
    expect(countdown('联系', '2026-11-22T02:00:00.000Z', '2026-11-22T03:00:00.000Z', at).text).toBe('联系：已超时完成');
    expect(complaintDeadlines(complaint({ status: 'closed' }), at)).toEqual([]);
    expect(complaintDeadlines(complaint(), at).map((d) => d.key)).toEqual(['contact', 'resolve']);
  });

  it('投诉管理 is in the menu of those who may read complaints, not of technicians or cashiers', () => {
    const has = (role: Role) => buildMenu([role]).some((g) => g.items.some((p) => p.key === 'complaints'));
    expect([Role.CustomerManager, Role.Supervisor, Role.ProjectManager, Role.Quality, Role.Admin].every(has)).toBe(
      true,
    );
    expect([Role.Technician, Role.Cashier, Role.Finance].some(has)).toBe(false);
  });
});

describe('the notification bell opens what a message is about', () => {
  const message = (o: Partial<IInboxMessage>): Pick<IInboxMessage, 'kind' | 'ticketId' | 'objectId'> => ({
    kind: 'ticket.urged',
    ticketId: null,
    objectId: null,
    ...o,
  });

  it('opens the complaint of every staff complaint message, in 投诉管理', () => {
    for (const kind of [
      'complaint.new',
      'complaint.assigned',
      'complaint.disputed',
      'complaint.warning',
      'complaint.breach',
    ]) {
      expect(bellTarget(message({ kind, objectId: 42 }))).toEqual({ type: 'complaint', id: 42 });
    }
    expect(complaintLink(42)).toBe('/complaints?complaint=42');
  });

  it('opens the ticket of a ticket message (催单 too), and nothing for a message about neither', () => {
    expect(bellTarget(message({ kind: 'ticket.urged', ticketId: 7 }))).toEqual({ type: 'ticket', id: 7 });
    expect(bellTarget(message({ kind: 'sla.breach', ticketId: 8 }))).toEqual({ type: 'ticket', id: 8 });
    expect(bellTarget(message({ kind: 'complaint.new', objectId: null }))).toBeNull();
    expect(bellTarget(message({ kind: 'bill_reminder' }))).toBeNull();
  });
});
