import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ITokenPair } from '@app/shared';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { startWechatStandIn, WechatStandIn } from '../stand-ins/wechat-stand-in';

export interface TestApp {
  app: NestFastifyApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  wechat: WechatStandIn;
  close(): Promise<void>;
}

/** Boots the real AppModule against the run's database, with a real WeChat stand-in over HTTP. */
export async function bootTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const wechat = await startWechatStandIn({ appId: 'wx-e2e-app', appSecret: 'e2e-secret' });
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-signing',
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    WECHAT_API_BASE: wechat.url,
    DEMO_LOGIN: 'false',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? (process.env.E2E_LOG_FILE ? 'info' : 'silent'),
    ...(process.env.E2E_LOG_FILE ? { LOG_FILE: process.env.E2E_LOG_FILE } : {}),
    ...env,
  });
  // A spec that passes its own LOG_FILE reads what the real logger wrote (R9 checks).
  const withLogger =
    env.LOG_FILE !== undefined || process.env.E2E_LOG_LEVEL !== undefined || process.env.E2E_LOG_FILE !== undefined;
  const app = await createApp(config, { logger: withLogger });
  await app.init();
  // listen() would flush the logs buffered during boot (bufferLogs); tests never listen, so flush here or
  // every Nest Logger line (e.g. the exception filter's) stays in the buffer and never reaches LOG_FILE.
  if (withLogger) app.flushLogs();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  return {
    app,
    db,
    wechat,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await wechat.close();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function passwordLogin(t: TestApp, login: string, password: string): Promise<ITokenPair> {
  const res = await t.http().post('/api/auth/password/login').send({ login, password }).expect(200);
  return res.body as ITokenPair;
}

export async function wechatLogin(t: TestApp, openid: string): Promise<ITokenPair> {
  const code = t.wechat.issueCode(openid);
  const res = await t.http().post('/api/auth/wechat/login').send({ code }).expect(200);
  return res.body as ITokenPair;
}
