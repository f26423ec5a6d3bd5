import { get, type IncomingMessage } from 'node:http';
import type { ILiveTicketEvent } from '@app/shared';

export interface EventStream {
  status: number;
  events: ILiveTicketEvent[];
  /** Resolves with the first event (already received or arriving within `ms`) that matches. */
  next(match: (e: ILiveTicketEvent) => boolean, ms?: number): Promise<ILiveTicketEvent>;
  close(): void;
}

/** A minimal EventSource over node:http: parses `event:` / `data:` blocks of text/event-stream. */
export function openStream(url: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { accept: 'text/event-stream' } }, (res: IncomingMessage) => {
      const events: ILiveTicketEvent[] = [];
      const waiters: (() => void)[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (block.includes('event: ticket') && data) events.push(JSON.parse(data));
        }
        waiters.splice(0).forEach((w) => w());
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        close: () => req.destroy(),
        next: (match, ms = 5000) =>
          new Promise((ok, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no matching live event within ${ms} ms; got ${JSON.stringify(events)}`)),
              ms,
            );
            const check = () => {
              const hit = events.find(match);
              if (hit) {
                clearTimeout(timer);
                ok(hit);
              } else waiters.push(check);
            };
            check();
          }),
      });
    });
    req.on('error', reject);
  });
}
