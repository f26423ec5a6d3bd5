import { describe, expect, it } from 'vitest';
import { messageTarget } from '../../src/utils/message-target';
import { Routes, complaintUrl } from '../../src/routes';

describe('tapping a complaint or announcement message', () => {
  it("opens the complainant's complaint for 已登记, 已联系 and 有处理结果", () => {
    for (const kind of ['complaint.registered', 'complaint.contacted', 'complaint.resolved']) {
      expect(messageTarget({ kind, ticketId: null, objectId: 42 }, false)).toBe(`${Routes.residentComplaint}?id=42`);
    }
    expect(complaintUrl(42)).toBe('/packages/resident/pages/complaint/index?id=42');
  });

  it('opens nothing for a complaint message without its complaint (written before messages named it)', () => {
    expect(messageTarget({ kind: 'complaint.resolved', ticketId: null, objectId: null }, false)).toBeNull();
    expect(messageTarget({ kind: 'complaint.contacted', ticketId: null }, false)).toBeNull();
  });

  it("opens nothing for the staff's complaint messages: those are handled in the console", () => {
    for (const kind of [
      'complaint.new',
      'complaint.assigned',
      'complaint.disputed',
      'complaint.warning',
      'complaint.breach',
    ]) {
      expect(messageTarget({ kind, ticketId: null, objectId: 42 }, false)).toBeNull();
    }
  });

  it('opens a linked complaint, not its request, even when the complaint came from a request', () => {
    expect(messageTarget({ kind: 'complaint.resolved', ticketId: 7, objectId: 42 }, false)).toBe(
      `${Routes.residentComplaint}?id=42`,
    );
  });

  it('opens the one notice when the message names it, else the notices list', () => {
    expect(messageTarget({ kind: 'announcement', ticketId: null, objectId: 5 }, false)).toBe(
      `${Routes.announcement}?id=5`,
    );
    expect(messageTarget({ kind: 'announcement', ticketId: null, objectId: null }, false)).toBe(Routes.announcements);
  });
});
