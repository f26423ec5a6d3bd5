import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { HttpStatus, INestApplication } from '@nestjs/common';
import { ErrorCode } from '@app/shared';
import { DomainException } from './common/domain.exception';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { registerSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { createRootLogger } from './common/logging';
import { PinoNestLogger } from './common/pino-nest-logger';
import { registerRequestLog } from './common/request-log';
import { RAW_BODY_PREFIX } from './modules/payments/wechat/raw-body';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './common/json-body';
import { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './openapi';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function createApp(
  config: AppConfig,
  options: { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Forwarded headers only from configured proxies (TRUST_PROXY): otherwise anyone picks their own IP.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (raw: import('node:http').IncomingMessage) => {
      const header = raw.headers['x-request-id'];
      const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      (raw as unknown as { requestId: string }).requestId = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  if (options.logger !== false) {
    const logger = createRootLogger(config);
    app.useLogger(new PinoNestLogger(logger));
    registerRequestLog(fastify, logger);
  }
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerSecurityHeaders(fastify, config);
  // Body-less POSTs (approve, publish …) often arrive with a JSON content type and no body; treat
  // that as {} instead of Fastify's 400, and report malformed JSON in our own envelope.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // WeChat Pay notifies are verified on the exact bytes received (docs/payments.md); only those routes keep them.
    if (req.url.startsWith(RAW_BODY_PREFIX)) (req as unknown as { rawBody?: string }).rawBody = text;
    if (!text.trim()) return done(null, {});
    if (jsonDepthExceeds(text)) {
      return done(
        new DomainException(
          ErrorCode.ValidationFailed,
          `请求体嵌套层级过深（最多 ${MAX_JSON_DEPTH} 层）`,
          HttpStatus.BAD_REQUEST,
        ),
        undefined,
      );
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new DomainException(ErrorCode.ValidationFailed, '请求体不是有效的 JSON', HttpStatus.BAD_REQUEST), undefined);
    }
  });
  await app.register(multipart as never);
  serveStatic(app, config);

  // The contract (request, parameters, responses, security) is generated from the DTOs and return types: src/openapi.ts.
  const document = await buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** The staff console and the H5 mini-program are static builds served from the same origin as the API. */
function serveStatic(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const sites = [
    { prefix: '/admin/', dir: config.adminWebDir, name: '员工工作台', build: 'pnpm --filter @app/admin-web build' },
    { prefix: '/h5/', dir: config.h5Dir, name: 'H5 小程序', build: 'pnpm --filter @app/miniapp build:h5' },
  ];
  let decorated = false;
  for (const site of sites) {
    if (!existsSync(join(site.dir, 'index.html'))) {
      fastify.get(`${site.prefix}*`, async (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .status(503)
          .send(`<h1>${site.name}尚未构建</h1><p>请运行 <code>${site.build}</code></p>`),
      );
      continue;
    }
    // wildcard: files are looked up per request, so a rebuild while the server runs is served correctly;
    // both apps use hash routing, so no deep-link fallback is needed and a missing asset is a real 404.
    void fastify.register(fastifyStatic, {
      root: site.dir,
      prefix: site.prefix,
      decorateReply: !decorated,
      wildcard: true,
      index: ['index.html'],
    });
    decorated = true;
  }
  fastify.get('/', async (_req, reply) => reply.redirect('/h5/'));
  fastify.get('/admin', async (_req, reply) => reply.redirect('/admin/'));
  fastify.get('/h5', async (_req, reply) => reply.redirect('/h5/'));
}

export async function listen(app: INestApplication, config: AppConfig): Promise<string> {
  await app.listen(config.port, config.host);
  return app.getUrl();
}
