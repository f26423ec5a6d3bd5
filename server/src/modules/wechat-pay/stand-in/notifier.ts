import { randomUUID, type KeyObject } from 'node:crypto';
import { rfc3339Shanghai as rfc3339 } from '../time';
import { encryptResource, platformHeaders } from '../wechat-pay.crypto';

/** Delays after each failed delivery (wechat.md §A7.3): 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h. */
export const NOTIFY_RETRY_SCHEDULE_MS = [
  15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 3_600_000, 10_800_000,
  10_800_000, 10_800_000, 21_600_000, 21_600_000,
];

export interface NotifyAttempt {
  /** Notification id (the same on every retry of one event). */
  id: string;
  eventType: string;
  /** out_trade_no or out_refund_no. */
  ref: string;
  /** 1 for the first delivery. */
  attempt: number;
  at: number;
  /** HTTP status, or 'error' (refused, timed out). */
  status: number | 'error';
}

export interface SigningKey {
  serial: string;
  privateKey: KeyObject;
}

/**
 * Delivers notifies like WeChat Pay: body encrypted with the APIv3 key, signed with the platform key chosen at
 * send time (so a serial-mode switch shows up on retries too), retried on the schedule until a 2xx answer
 * (any 2xx counts, even with an error body). Timers are unref'd and cleared by stop().
 */
export class Notifier {
  readonly log: NotifyAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Map<string, { settle: () => void; promise: Promise<void> }>();
  private stopped = false;

  constructor(
    private readonly opts: {
      apiV3Key: string;
      signingKey: () => SigningKey;
      schedule: () => number[];
      timeoutMs: number;
    },
  ) {}

  /** Schedules the first delivery now; resolves the returned promise once a delivery got a 2xx or retries ran out. */
  send(
    url: string,
    eventType: string,
    summary: string,
    originalType: 'transaction' | 'refund',
    ref: string,
    resource: object,
  ): { id: string; done: Promise<void> } {
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      create_time: rfc3339(new Date()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: encryptResource(JSON.stringify(resource), this.opts.apiV3Key, originalType),
    });
    let settle!: () => void;
    const promise = new Promise<void>((resolve) => (settle = resolve));
    this.pending.set(id, { settle, promise });
    void this.attempt(url, body, id, eventType, ref, 1);
    return { id, done: promise };
  }

  /** Resolves when every notify sent so far has settled (2xx or gave up). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending.values()].map((p) => p.promise));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const p of this.pending.values()) p.settle();
    this.pending.clear();
  }

  private async attempt(
    url: string,
    body: string,
    id: string,
    eventType: string,
    ref: string,
    n: number,
  ): Promise<void> {
    if (this.stopped) return;
    const key = this.opts.signingKey();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    let status: number | 'error' = 'error';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...platformHeaders(body, key.serial, key.privateKey) },
        body,
        signal: controller.signal,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 'error';
    } finally {
      clearTimeout(timer);
    }
    if (this.stopped) return;
    this.log.push({ id, eventType, ref, attempt: n, at: Date.now(), status });
    const schedule = this.opts.schedule();
    if ((typeof status === 'number' && status >= 200 && status < 300) || n > schedule.length) {
      this.pending.get(id)?.settle();
      this.pending.delete(id);
      return;
    }
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        void this.attempt(url, body, id, eventType, ref, n + 1);
      },
      schedule[n - 1],
    );
    t.unref();
    this.timers.add(t);
  }
}
