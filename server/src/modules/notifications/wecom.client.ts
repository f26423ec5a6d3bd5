import { pushRequest, type PushReply } from './push-http';

export interface WecomConfig {
  corpId: string;
  corpSecret: string;
  agentId: number;
  apiBase: string;
}

export interface WecomCard {
  /** WeCom member ids (`touser`, joined with `|`). */
  to: string[];
  title: string;
  description: string;
  url: string;
}

/** WeCom errcodes that mean our access_token is stale: refresh once and retry (as WeChat's 40001/42001). */
const STALE = new Set([40014, 42001]);

/**
 * WeCom self-built app messages: `GET /cgi-bin/gettoken?corpid&corpsecret` (token cached until 5 min before
 * `expires_in`, single-flight) and `POST /cgi-bin/message/send?access_token` with a `textcard`.
 */
export class WecomClient {
  private cached: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string | PushReply> | null = null;

  constructor(
    private readonly config: WecomConfig,
    private readonly timeoutMs = 5_000,
  ) {}

  private token(force = false): Promise<string | PushReply> {
    if (!force && this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    if (this.inflight) return this.inflight;
    const q = `corpid=${encodeURIComponent(this.config.corpId)}&corpsecret=${encodeURIComponent(this.config.corpSecret)}`;
    this.inflight = pushRequest(`${this.config.apiBase}/cgi-bin/gettoken?${q}`, { method: 'GET' }, this.timeoutMs)
      .then((r) => {
        if (r.errcode !== 0 || typeof r.access_token !== 'string')
          return { errcode: r.errcode, errmsg: r.errmsg, transport: r.transport };
        const ttl = typeof r.expires_in === 'number' ? r.expires_in : 7200;
        this.cached = { token: r.access_token, refreshAt: Date.now() + Math.max(60, ttl - 300) * 1000 };
        return r.access_token;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  async sendCard(card: WecomCard, signal?: AbortSignal): Promise<PushReply & { invaliduser?: string }> {
    const body = {
      touser: card.to.join('|'),
      msgtype: 'textcard',
      agentid: this.config.agentId,
      textcard: {
        title: utf8Cut(card.title, 128),
        description: utf8Cut(card.description, 512),
        url: card.url,
        btntxt: '详情',
      },
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    };
    for (let round = 0; round < 2; round++) {
      const token = await this.token(round > 0);
      if (typeof token !== 'string') return token;
      const r = await pushRequest(
        `${this.config.apiBase}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`,
        { method: 'POST', body },
        this.timeoutMs,
        signal,
      );
      if (r.errcode !== null && STALE.has(r.errcode) && round === 0) {
        this.cached = null;
        continue;
      }
      return {
        errcode: r.errcode,
        errmsg: r.errmsg,
        transport: r.transport,
        invaliduser: typeof r.invaliduser === 'string' ? r.invaliduser : undefined,
      };
    }
    return { errcode: null, transport: 'network' };
  }
}

/** WeCom limits textcard fields in bytes; cut on a character boundary. */
function utf8Cut(s: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}
