import { ROUTES, buildUrl, type ILiveTicketEvent } from '@app/shared';
import { api } from './client';

type Listener = (event: ILiveTicketEvent) => void;

/** Wait before reopening a dropped stream (a fresh token each time; the server also ends streams after a while). */
const RETRY_MS = 3_000;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retry: number | null = null;
let opening = false;

/**
 * One event stream per console tab, shared by every subscriber (工单中心, the bell). EventSource cannot send
 * the Authorization header, so each (re)connect first POSTs for a one-minute stream token.
 */
async function connect(): Promise<void> {
  if (source || opening || !listeners.size || typeof EventSource === 'undefined') return;
  opening = true;
  try {
    const { token } = await api(ROUTES.live.streamToken);
    if (!listeners.size) return;
    const es = new EventSource(buildUrl('', ROUTES.live.tickets.path, { token }));
    source = es;
    es.addEventListener('ticket', (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as ILiveTicketEvent;
      listeners.forEach((l) => l(event));
    });
    // The browser's own retry would reuse the expired token: close and reconnect with a new one.
    es.onerror = () => {
      es.close();
      if (source === es) source = null;
      schedule();
    };
  } catch {
    schedule();
  } finally {
    opening = false;
  }
}

function schedule(): void {
  if (retry !== null || !listeners.size) return;
  retry = window.setTimeout(() => {
    retry = null;
    void connect();
  }, RETRY_MS);
}

/** Calls `listener` for each ticket created or changed in the projects the signed-in staff member sees. */
export function subscribeTicketEvents(listener: Listener): () => void {
  listeners.add(listener);
  void connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    source?.close();
    source = null;
    if (retry !== null) window.clearTimeout(retry);
    retry = null;
  };
}
