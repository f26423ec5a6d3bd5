import type { WechatAuthClient } from '../wechat/wechat-auth.client';
import { pushRequest, type PushReply } from './push-http';

export interface SubscribeSend {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * `POST /cgi-bin/message/subscribe/send` (wechat.md §A4). The stable token comes from the auth client, which
 * force-refreshes once and retries on 40001/42001 (§A2); every other errcode is returned for the caller's
 * policy (43101 no credit, 47003 field invalid, -1 busy …).
 */
export class WechatSubscribeClient {
  constructor(
    private readonly auth: WechatAuthClient,
    private readonly apiBase: string,
    private readonly state: 'developer' | 'trial' | 'formal',
    private readonly timeoutMs = 5_000,
  ) {}

  async send(message: SubscribeSend, signal?: AbortSignal): Promise<PushReply> {
    const body = {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      miniprogram_state: this.state,
      lang: 'zh_CN',
      data: message.data,
    };
    try {
      const reply = await this.auth.callWithAccessToken(async (token) => {
        const r = await pushRequest(
          `${this.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
          { method: 'POST', body },
          this.timeoutMs,
          signal,
        );
        // Transport failures carry no errcode; report them as "not stale" so the auth client returns them.
        return { ...r, errcode: r.errcode ?? undefined } as PushReply & { errcode?: number };
      });
      return { errcode: reply.errcode ?? null, errmsg: reply.errmsg, transport: reply.transport };
    } catch {
      // The auth client threw: token endpoint down, or a fresh token rejected again. Retry later.
      return { errcode: null, transport: 'network' };
    }
  }
}
