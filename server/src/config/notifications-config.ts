import { boolSetting, intSetting, type Env } from './env-settings';

export interface NotificationsConfig {
  /** BullMQ on this Redis when set; the in-process worker otherwise. */
  redisUrl: string | null;
  /** Prefix of the BullMQ keys (tests use their own so runs never share a queue). */
  queuePrefix: string;
  /** 'off' leaves delivery to another process (or a test that drives the worker itself). */
  worker: boolean;
  pollMs: number;
  leaseMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** WeChat subscribe-message template ids per topic; a topic without one is inbox-only. */
  templates: { jobDispatch: string | null; ticketProgress: string | null };
  miniprogramState: 'developer' | 'trial' | 'formal';
  wecom: { corpId: string; corpSecret: string; agentId: number; apiBase: string } | null;
}

export function notificationSettings(env: Env, problems: string[]): NotificationsConfig {
  const redisUrl = (env.REDIS_URL ?? '').trim() || null;
  if (redisUrl && !/^rediss?:\/\/\S+$/.test(redisUrl)) problems.push('REDIS_URL must look like redis://host:6379');
  const state = env.WECHAT_MINIPROGRAM_STATE || 'formal';
  if (!['developer', 'trial', 'formal'].includes(state))
    problems.push('WECHAT_MINIPROGRAM_STATE must be developer, trial or formal');
  const wecomNames = ['WECOM_CORP_ID', 'WECOM_CORP_SECRET', 'WECOM_AGENT_ID'] as const;
  const given = wecomNames.filter((n) => env[n]);
  let wecom: NotificationsConfig['wecom'] = null;
  if (given.length && given.length < wecomNames.length) {
    problems.push(`${wecomNames.filter((n) => !env[n]).join(', ')} must be set together with ${given.join(', ')}`);
  } else if (given.length) {
    const agentId = Number(env.WECOM_AGENT_ID);
    if (!Number.isInteger(agentId) || agentId <= 0) problems.push('WECOM_AGENT_ID must be a positive integer');
    wecom = {
      corpId: String(env.WECOM_CORP_ID),
      corpSecret: String(env.WECOM_CORP_SECRET),
      agentId,
      apiBase: (env.WECOM_API_BASE || 'https://qyapi.weixin.qq.com').replace(/\/$/, ''),
    };
  }
  const worker = boolSetting(env, 'NOTIFY_WORKER', problems);
  return {
    redisUrl,
    queuePrefix: env.NOTIFY_QUEUE_PREFIX || 'wy',
    worker: worker ?? true,
    pollMs: intSetting(env, 'NOTIFY_POLL_MS', 250, 20, 60_000, problems),
    leaseMs: intSetting(env, 'NOTIFY_LEASE_MS', 30_000, 200, 600_000, problems),
    retryBaseMs: intSetting(env, 'NOTIFY_RETRY_BASE_MS', 2_000, 10, 600_000, problems),
    maxAttempts: intSetting(env, 'NOTIFY_MAX_ATTEMPTS', 6, 1, 20, problems),
    templates: {
      jobDispatch: env.WECHAT_TEMPLATE_JOB_DISPATCH || null,
      ticketProgress: env.WECHAT_TEMPLATE_TICKET_PROGRESS || null,
    },
    miniprogramState: state as NotificationsConfig['miniprogramState'],
    wecom,
  };
}
