import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-in for qyapi.weixin.qq.com (WeCom self-built app): `GET /cgi-bin/gettoken` and
 * `POST /cgi-bin/message/send` with the documented errcodes (40013 corpid, 40001 secret, 40014 token,
 * 42001 expired, 40056 agentid, 81013 no valid recipient). Real HTTP.
 */
export interface WecomStandIn {
  url: string;
  corpId: string;
  corpSecret: string;
  agentId: number;
  /** Messages accepted (errcode 0 answered to a caller still listening). */
  sent: Array<{
    touser: string;
    msgtype: string;
    textcard?: { title: string; description: string; url: string };
    at: number;
  }>;
  calls: { gettoken: number; send: number };
  /** Known member ids; others are reported in `invaliduser` (all unknown → 81013). */
  members: Set<string>;
  expireToken(): void;
  failNextSend(kind: number | 'hold', times?: number): void;
  close(): Promise<void>;
}

export async function startWecomStandIn(opts: { members?: string[] } = {}): Promise<WecomStandIn> {
  const corpId = 'ww-standin-corp';
  const corpSecret = randomBytes(12).toString('hex');
  const agentId = 1000002;
  let token: { value: string; expiresAt: number } | null = null;
  const forced: Array<number | 'hold'> = [];
  const state: WecomStandIn = {
    url: '',
    corpId,
    corpSecret,
    agentId,
    sent: [],
    calls: { gettoken: 0, send: 0 },
    members: new Set(opts.members ?? []),
    expireToken: () => {
      if (token) token.expiresAt = Date.now() - 1;
    },
    failNextSend: (kind, times = 1) => {
      for (let i = 0; i < times; i++) forced.push(kind);
    },
    close: async () => undefined,
  };
  const json = (res: import('node:http').ServerResponse, body: object) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (url.pathname === '/cgi-bin/gettoken') {
        state.calls.gettoken++;
        if (url.searchParams.get('corpid') !== corpId) return json(res, { errcode: 40013, errmsg: 'invalid corpid' });
        if (url.searchParams.get('corpsecret') !== corpSecret)
          return json(res, { errcode: 40001, errmsg: 'invalid secret' });
        if (!token || token.expiresAt <= Date.now())
          token = { value: randomBytes(20).toString('hex'), expiresAt: Date.now() + 7200_000 };
        return json(res, {
          errcode: 0,
          errmsg: 'ok',
          access_token: token.value,
          expires_in: Math.ceil((token.expiresAt - Date.now()) / 1000),
        });
      }
      if (url.pathname === '/cgi-bin/message/send' && req.method === 'POST') {
        state.calls.send++;
        const at = url.searchParams.get('access_token');
        if (!token || at !== token.value) return json(res, { errcode: 40014, errmsg: 'invalid access_token' });
        if (token.expiresAt <= Date.now()) return json(res, { errcode: 42001, errmsg: 'access_token expired' });
        const f = forced.shift();
        if (f === 'hold') return;
        if (typeof f === 'number') return json(res, { errcode: f, errmsg: 'forced' });
        let body: {
          touser?: string;
          msgtype?: string;
          agentid?: number;
          textcard?: { title: string; description: string; url: string };
        };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return json(res, { errcode: 40058, errmsg: 'invalid json' });
        }
        if (body.agentid !== agentId) return json(res, { errcode: 40056, errmsg: 'invalid agentid' });
        if (
          body.msgtype === 'textcard' &&
          (!body.textcard?.title || !body.textcard.description || !body.textcard.url)
        ) {
          return json(res, { errcode: 41016, errmsg: 'missing title/description/url' });
        }
        const to = String(body.touser ?? '')
          .split('|')
          .filter(Boolean);
        const invalid = to.filter((u) => !state.members.has(u));
        if (!to.length || invalid.length === to.length)
          return json(res, {
            errcode: 81013,
            errmsg: 'user & party & tag all invalid',
            invaliduser: invalid.join('|'),
          });
        if (res.destroyed || req.socket.destroyed) return;
        state.sent.push({
          touser: to.filter((u) => state.members.has(u)).join('|'),
          msgtype: String(body.msgtype),
          textcard: body.textcard,
          at: Date.now(),
        });
        return json(res, { errcode: 0, errmsg: 'ok', invaliduser: invalid.join('|'), msgid: `m${state.sent.length}` });
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errcode: 60011, errmsg: 'no privilege / unknown path' }));
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((e) => (e ? reject(e) : resolve()));
      server.closeAllConnections();
    });
  return state;
}
