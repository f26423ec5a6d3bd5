import { describe, expect, it } from 'vitest';
import { announcementLabel, announcementPhase, announcementRange } from '../../src/utils/announcements';
import { messageTarget } from '../../src/utils/message-target';
import { Routes } from '../../src/routes';

describe('announcement formatting', () => {
  it('shows one day as a time range and several days with both dates', () => {
    expect(
      announcementRange(new Date(2026, 11, 3, 9, 0).toISOString(), new Date(2026, 11, 3, 17, 30).toISOString()),
    ).toBe('12月3日 09:00 至 17:30');
    expect(
      announcementRange(new Date(2026, 11, 3, 22, 0).toISOString(), new Date(2026, 11, 4, 6, 0).toISOString()),
    ).toBe('12月3日 22:00 至 12月4日 06:00');
  });

  it('tells a running notice from an upcoming one, and names the template', () => {
    const now = new Date(2026, 11, 3, 12, 0);
    expect(announcementPhase(new Date(2026, 11, 3, 9, 0).toISOString(), now)).toBe('进行中');
    expect(announcementPhase(new Date(2026, 11, 3, 13, 0).toISOString(), now)).toBe('即将开始');
    expect(announcementLabel('water')).toBe('停水');
    expect(announcementLabel('custom')).toBe('其他通知');
  });
});

describe('tapping a message', () => {
  it('opens the ticket of every ticket-related message, SLA ones included', () => {
    expect(messageTarget({ kind: 'sla.warning', ticketId: 7 }, false)).toBe(`${Routes.residentTicket}?id=7`);
    expect(messageTarget({ kind: 'sla.breach', ticketId: 7 }, true)).toBe(`${Routes.technicianJob}?id=7`);
    expect(messageTarget({ kind: 'ticket.submitted', ticketId: 8 }, false)).toBe(`${Routes.residentTicket}?id=8`);
    expect(messageTarget({ kind: 'ticket.visit_reminder', ticketId: 9 }, true)).toBe(`${Routes.technicianJob}?id=9`);
    expect(messageTarget({ kind: 'ticket.dispatched', ticketId: 9 }, true)).toBe(`${Routes.technicianJob}?id=9`);
    expect(messageTarget({ kind: 'charge.confirm_needed', ticketId: 10 }, false)).toBe(
      `${Routes.residentTicket}?id=10`,
    );
  });

  it('opens the notices for an announcement, and nothing for a job transferred away or a message without a ticket', () => {
    expect(messageTarget({ kind: 'announcement', ticketId: null }, false)).toBe(Routes.announcements);
    expect(messageTarget({ kind: 'ticket.transferred', ticketId: 3 }, true)).toBeNull();
    expect(messageTarget({ kind: 'bill.published', ticketId: null }, false)).toBeNull();
  });
});
