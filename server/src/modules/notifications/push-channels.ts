import type { WechatSubscribeClient } from './wechat-subscribe.client';
import type { WecomClient } from './wecom.client';

/** The configured push clients; a null channel is simply not used (inbox only). */
export interface PushChannels {
  wechat: WechatSubscribeClient | null;
  wecom: WecomClient | null;
}

export const PUSH_CHANNELS = Symbol('PUSH_CHANNELS');
