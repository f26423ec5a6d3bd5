import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's LoggerService over the root pino logger, so `new Logger('Context').warn({ … }, 'message')` anywhere in
 * the server writes one JSON line with `context`. Same argument handling as nestjs-pino's Logger, which we
 * no longer use (see request-log.ts for why): an object first argument is merged into the line, an Error
 * becomes `err`, the last optional argument is Nest's context.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let params = optional;
    if (optional.length) {
      fields.context = optional[optional.length - 1];
      // Nest pads a context-bound call without arguments with one undefined before the context.
      params = optional.slice(0, -1).filter((param) => param !== undefined);
    }
    if (message instanceof Error) {
      fields.err = message;
      this.logger[level](fields, ...(params as []));
    } else if (message && typeof message === 'object') {
      this.logger[level]({ ...fields, ...(message as object) }, ...(params as []));
    } else if (
      level === 'error' &&
      params.length === 1 &&
      typeof params[0] === 'string' &&
      /\n\s*at /.test(params[0])
    ) {
      // Nest's own exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = params[0];
      this.logger.error({ ...fields, err });
    } else {
      this.logger[level](fields, String(message), ...(params as []));
    }
  }
}
