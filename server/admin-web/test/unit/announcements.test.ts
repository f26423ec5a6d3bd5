import { describe, expect, it } from 'vitest';
import { fillTemplate, rangeText, readPercent, templateLabel } from '../../src/pages/announcements/announcement-logic';
import { alertNewTicket, liveAlertsEnabled, setLiveAlertsEnabled } from '../../src/lib/live-alerts';

describe('announcement templates', () => {
  it('fills the chosen time range into the template text', () => {
    const start = new Date(2026, 11, 3, 9, 0);
    const end = new Date(2026, 11, 3, 17, 30);
    const filled = fillTemplate('water', [start, end]);
    expect(filled.title).toBe('停水通知');
    expect(filled.body).toContain('12月3日 09:00 至 17:30');
    expect(rangeText(new Date(2026, 11, 3, 22, 0), new Date(2026, 11, 4, 6, 0))).toBe('12月3日 22:00 至 12月4日 06:00');
    expect(filled.body).not.toContain('{时间}');
    expect(fillTemplate('power', null).body).toContain('（请选择时间）');
    expect(fillTemplate('custom', [start, end])).toEqual({ title: '', body: '' });
    expect(templateLabel('elevator')).toBe('电梯维保');
  });

  it('read share is whole percent and 0 when nobody received it', () => {
    expect(readPercent(1, 3)).toBe(33);
    expect(readPercent(0, 0)).toBe(0);
    expect(readPercent(450, 450)).toBe(100);
  });
});

describe('live alerts toggle', () => {
  it('is off by default, remembered locally, and alerts only on new tickets when on', async () => {
    window.localStorage.removeItem('console.liveAlerts');
    const created = {
      type: 'ticket.created' as const,
      ticketId: 1,
      projectId: 1,
      status: 'submitted',
      version: 0,
      action: 'submit',
      at: new Date().toISOString(),
    };
    expect(liveAlertsEnabled()).toBe(false);
    expect(alertNewTicket(created, '新工单')).toBe(false);
    await setLiveAlertsEnabled(true);
    expect(window.localStorage.getItem('console.liveAlerts')).toBe('1');
    expect(liveAlertsEnabled()).toBe(true);
    expect(alertNewTicket({ ...created, type: 'ticket.changed' }, '新工单')).toBe(false);
    expect(alertNewTicket(created, '新工单')).toBe(true);
    await setLiveAlertsEnabled(false);
    expect(liveAlertsEnabled()).toBe(false);
  });
});
