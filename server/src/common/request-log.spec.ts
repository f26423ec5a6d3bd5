import Fastify from 'fastify';
import pino from 'pino';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { registerRequestLog } from './request-log';
import { PinoNestLogger } from './pino-nest-logger';

/** A pino logger whose lines land in an array, parsed. */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, next) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      next();
    },
  });
  return { lines, logger: pino({ level }, stream) };
}

describe('registerRequestLog', () => {
  async function app(level = 'info') {
    const { lines, logger } = capture(level);
    const fastify = Fastify({ genReqId: () => 'req-0001' });
    registerRequestLog(fastify, logger);
    fastify.get('/api/things', async () => ({ ok: true }));
    fastify.get('/api/missing', async (_req, reply) => reply.status(404).send({ code: 'NOT_FOUND' }));
    fastify.get('/api/broken', async () => {
      throw new Error('boom');
    });
    fastify.get('/api/health/live', async () => ({ ok: true }));
    return { fastify, lines };
  }

  it('writes one line per request with id, method, path without the query, status and time', async () => {
    const { fastify, lines } = await app();
    await fastify.inject({ url: '/api/things?keyword=13912345678' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-0001', method: 'GET', url: '/api/things?…' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('13912345678');
  });

  it('logs 4xx at warn and 5xx at error, and leaves health checks out', async () => {
    const { fastify, lines } = await app();
    await fastify.inject({ url: '/api/health/live' });
    await fastify.inject({ url: '/api/missing' });
    await fastify.inject({ url: '/api/broken' });
    expect(lines.map((l) => [l.level, (l.res as { statusCode: number }).statusCode])).toEqual([
      [40, 404],
      [50, 500],
    ]);
  });

  it('writes nothing below the configured level', async () => {
    const { fastify, lines } = await app('warn');
    await fastify.inject({ url: '/api/things' });
    await fastify.inject({ url: '/api/missing' });
    expect(lines.map((l) => l.level)).toEqual([40]);
  });
});

describe('PinoNestLogger (Nest Logger calls → one JSON line)', () => {
  function nest(level = 'trace') {
    const { lines, logger } = capture(level);
    return { lines, nest: new PinoNestLogger(logger) };
  }

  it('merges an object first argument and keeps the message and the context', () => {
    const { lines, nest: target } = nest();
    target.warn({ error: 'timeout', attempts: 3 }, 'outbox poll failed; retrying', 'OutboxWorker');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        context: 'OutboxWorker',
        error: 'timeout',
        attempts: 3,
        msg: 'outbox poll failed; retrying',
      }),
    ]);
  });

  it('takes a string message, drops the undefined Nest pads with, and maps verbose to trace', () => {
    const { lines, nest: target } = nest();
    target.log('started', undefined, 'Bootstrap');
    target.verbose('detail', 'Ctx');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'started', context: 'Bootstrap' }),
      expect.objectContaining({ level: 10, msg: 'detail', context: 'Ctx' }),
    ]);
  });

  it("puts an Error under err, and Nest's (message, stack, context) error form too", () => {
    const { lines, nest: target } = nest();
    target.error(new Error('db down'), 'Db');
    target.error('Unhandled', 'Error: Unhandled\n    at x (y.js:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, context: 'Db', err: { message: 'db down' } });
    expect(lines[1]).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { message: 'Unhandled' } });
    expect(String((lines[1].err as { stack: string }).stack)).toContain('at x (y.js:1:1)');
  });

  it("serves Nest's own Logger class once installed as the app logger", () => {
    const { lines, nest: target } = nest('info');
    Logger.overrideLogger(target);
    try {
      new Logger('Config').warn('WECHAT_APP_ID 未设置');
      new Logger('Config').debug('below the level');
    } finally {
      Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    }
    expect(lines).toEqual([expect.objectContaining({ level: 40, context: 'Config', msg: 'WECHAT_APP_ID 未设置' })]);
  });
});
