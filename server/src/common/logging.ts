import pino, { destination, type Logger, type LoggerOptions } from 'pino';
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
  // Failed SQL carries its bound values (phones, names) in the error object; serializeError drops
  // these for the top-level err, and the paths catch errors logged under other keys.
  'err.parameters',
  'err.query',
  'err.sql',
  'err.sqlMessage',
  'err.driverError',
  '*.err.parameters',
  '*.err.query',
  '*.err.sql',
  '*.err.sqlMessage',
  '*.err.driverError',
  '*.parameters',
  '*.sql',
  '*.sqlMessage',
  '*.driverError',
];

const DB_ERROR_FIELDS = ['query', 'parameters', 'driverError', 'sql', 'sqlMessage'];

function isDatabaseError(error: Record<string, unknown>): boolean {
  return (
    DB_ERROR_FIELDS.some((field) => field in error) ||
    error.name === 'QueryFailedError' ||
    /^(ER_|SQLITE_)/.test(String(error.code ?? ''))
  );
}

/**
 * Database driver messages quote the values they choke on ("Duplicate entry '139…' for key …",
 * "Incorrect integer value: '…'"): every quoted literal and every run of 5+ digits is replaced.
 */
export function scrubDatabaseMessage(message: string): string {
  return message
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d{5,}/g, '…');
}

/**
 * R9: what a logged error may say. Database errors (TypeORM QueryFailedError, mysql2 and better-sqlite3
 * errors) carry the statement and its values in sql, sqlMessage, query, parameters, driverError and
 * the message itself; only the type, driver code and a scrubbed message (and stack frames) are kept.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: String(error) };
  const e = error as Record<string, unknown> & { name?: string; message?: string; stack?: string };
  const type = e.constructor?.name ?? e.name ?? 'Error';
  if (!isDatabaseError(e)) {
    return { type, message: e.message, stack: e.stack, ...(e.code !== undefined ? { code: e.code } : {}) };
  }
  const driver = (e.driverError ?? {}) as Record<string, unknown>;
  const message = scrubDatabaseMessage(String(e.message ?? ''));
  const frames = String(e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line));
  return {
    type,
    code: e.code ?? driver.code,
    errno: e.errno ?? driver.errno,
    sqlState: e.sqlState ?? driver.sqlState,
    message,
    stack: [`${type}: ${message}`, ...frames].join('\n'),
  };
}

/**
 * The process's one pino logger: Nest's log calls (PinoNestLogger) and the request lines (registerRequestLog)
 * both write through it, with the same redaction and error serializer.
 */
export function createRootLogger(config: AppConfig): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
  return config.logFile
    ? pino(options, destination({ dest: config.logFile, append: true, mkdir: true, sync: true }))
    : pino(options);
}

/** Query strings may carry search terms typed by people (names, phone fragments): log the path only. */
export function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?…`;
}
