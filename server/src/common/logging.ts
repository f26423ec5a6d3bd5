import type { Params } from 'nestjs-pino';
import { destination } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';

/**
 * Personal data never reaches the logs (docs/domain.md §9, R9): tokens, codes, phones, names and openids
 * are censored wherever they appear in logged objects, and request bodies are not logged at all.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-wx-openid"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.phone',
  '*.openid',
  '*.accessToken',
  '*.refreshToken',
  '*.code',
  '*.secret',
  '*.name',
  // Failed SQL carries its bound values (phones, names) in the error object.
  'err.parameters',
  'err.query',
  'err.driverError',
  '*.err.parameters',
  '*.err.query',
  '*.err.driverError',
];

export function loggerParams(config: AppConfig): Params {
  const options: Options = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    genReqId: (req) => (req as unknown as { requestId?: string }).requestId ?? '',
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: stripQuery(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
  };
  return { pinoHttp: config.logFile ? [options, destination({ dest: config.logFile, append: true, mkdir: true, sync: true })] : options };
}

/** Query strings may carry search terms typed by people (names, phone fragments): log the path only. */
function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?…`;
}
