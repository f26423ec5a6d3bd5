import type { ITicketSlaDeadline } from '../contracts';
import { slaCountdown } from '../sla';

const at = new Date('2026-12-01T04:00:00.000Z');
const due = (minutes: number, over: Partial<ITicketSlaDeadline> = {}): ITicketSlaDeadline => ({
  kind: 'respond',
  dueAt: new Date(at.getTime() + minutes * 60_000).toISOString(),
  metAt: null,
  paused: false,
  breached: minutes < 0,
  ...over,
});

describe('slaCountdown', () => {
  it('counts down, turns "soon" in the last 30 minutes and "late" after the deadline', () => {
    expect(slaCountdown(due(95), at)).toEqual({ kind: 'respond', tone: 'ok', text: '响应：剩余 1 小时 35 分' });
    expect(slaCountdown(due(12.5), at)).toEqual({ kind: 'respond', tone: 'soon', text: '响应：剩余 13 分钟' });
    expect(slaCountdown(due(-61), at)).toEqual({ kind: 'respond', tone: 'late', text: '响应：已超时 1 小时 1 分' });
    expect(slaCountdown(due(60 * 50, { kind: 'return_visit' }), at).text).toBe('回访：剩余 2 天 2 小时');
  });

  it('says when the clock is paused by a hold or already met', () => {
    expect(slaCountdown(due(20, { paused: true }), at)).toMatchObject({
      tone: 'paused',
      text: '响应：挂起中，计时暂停（剩余 20 分钟）',
    });
    expect(slaCountdown(due(-5, { metAt: at.toISOString(), breached: true, kind: 'on_site' }), at)).toEqual({
      kind: 'on_site',
      tone: 'done',
      text: '到场：已超时完成',
    });
    expect(slaCountdown(due(5, { metAt: at.toISOString(), kind: 'resolve' }), at).text).toBe('完成：按时完成');
  });
});
