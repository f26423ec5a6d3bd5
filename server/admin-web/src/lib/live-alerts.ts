import type { ILiveTicketEvent } from '@app/shared';

/** Remembered per browser: sound and desktop notification for new tickets are off until the user turns them on. */
const KEY = 'console.liveAlerts';

export function liveAlertsEnabled(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export async function setLiveAlertsEnabled(on: boolean): Promise<void> {
  try {
    window.localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // private mode: the switch works for this page only
  }
  // Desktop notifications need the browser's permission; asked only when the user turns alerts on.
  if (on && typeof Notification !== 'undefined' && Notification.permission === 'default')
    await Notification.requestPermission().catch(() => undefined);
}

/** A short two-tone chime (Web Audio; no sound file to ship). */
function chime(): void {
  const Ctx =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  [880, 660].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + i * 0.18);
    osc.stop(ctx.currentTime + i * 0.18 + 0.15);
  });
  window.setTimeout(() => void ctx.close(), 800);
}

/** Sound and desktop notification for a new ticket, when the user turned them on. Returns whether it alerted. */
export function alertNewTicket(event: ILiveTicketEvent, title: string): boolean {
  if (event.type !== 'ticket.created' || !liveAlertsEnabled()) return false;
  try {
    chime();
  } catch {
    // audio blocked until the user interacts with the page: the desktop notification still shows
  }
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
    new Notification(title, { body: '工单中心有新的报修/服务请求', tag: `ticket-${event.ticketId}` });
  return true;
}
