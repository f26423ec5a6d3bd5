import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WechatPayClient } from '../../src/modules/wechat-pay/wechat-pay.client';
import type { NotifyVerification } from '../../src/modules/wechat-pay/wechat-pay.types';

export interface ReceivedNotify {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  verification: NotifyVerification;
  at: number;
}

export interface NotifyReceiver {
  url: string;
  received: ReceivedNotify[];
  /** Answer the next deliveries with these statuses (then 204 when verified, 401 when not). */
  answerNext(...statuses: number[]): void;
  /** Resolves once `n` notifies have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedNotify[]>;
  close(): Promise<void>;
}

/** The merchant's notify endpoint in miniature: verifies on the raw body with the client and answers like §A7.3. */
export async function startNotifyReceiver(client: () => WechatPayClient): Promise<NotifyReceiver> {
  const received: ReceivedNotify[] = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const verification = client().verifyNotify(req.headers, raw);
      received.push({ headers: req.headers, raw, verification, at: Date.now() });
      const status = answers.shift() ?? (verification.ok ? 204 : 401);
      if (status >= 300) {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'FAIL', message: '失败' }));
      } else if (status === 200) {
        // A 200 with an error body still counts as delivered (§A7.3).
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'FAIL', message: 'body ignored' }));
      } else {
        res.writeHead(status);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/payments/wechat/notify`,
    received,
    answerNext: (...s) => void answers.push(...s),
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} notifies, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return received.slice(0, n);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const outNo = (prefix = 'T') =>
  `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
