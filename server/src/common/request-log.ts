import type { FastifyInstance } from 'fastify';
import type { Level, Logger } from 'pino';
import { stripQuery } from './logging';

/**
 * One line per answered request: id, method, path (never the query), status and time taken, at info, warn for
 * 4xx and error for 5xx; health checks are left out. Written from Fastify's onResponse hook with the request
 * id in the line itself. We used pino-http under nestjs-pino before: its per-request child logger and, above
 * all, the AsyncLocalStorage it runs every request in (on Node 20 every promise then pays the async hooks)
 * cost about a quarter of the CPU of a list request (docs/benchmarks.md, P2 fifth round). Log lines written
 * while serving a request that need its id carry it themselves (AllExceptionsFilter does).
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level) && !request.url.startsWith('/api/health')) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: stripQuery(request.url) },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('warn'))
      logger.warn(
        { req: { id: request.id, method: request.method, url: stripQuery(request.url) } },
        'request aborted by the client',
      );
    done();
  });
}
