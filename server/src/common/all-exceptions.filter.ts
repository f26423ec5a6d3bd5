import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, IErrorResponse } from '@app/shared';
import { isLockContention } from '../database/errors';
import { DomainException } from './domain.exception';
import { serializeError } from './logging';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.ValidationFailed,
  415: ErrorCode.ValidationFailed,
  422: ErrorCode.ValidationFailed,
  429: ErrorCode.RateLimited,
};

/** Turns every error into the one envelope `{ code, message, details?, requestId }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const requestId = String(request?.id ?? '');
    const [status, body] = this.describe(exception);
    if (exception instanceof DomainException && status >= 500) {
      // A deliberate answer (e.g. 503 PDF_FONT_MISSING): its code says everything; a stack would only add
      // install paths whose hashes the R9 scan cannot tell from a WeChat code.
      this.logger.warn({ errorCode: exception.code, status, requestId }, exception.message);
    } else if (status >= 500) {
      // Scrubbed here, not only by the logger's serializer: database errors carry statements and values (R9).
      this.logger.error({ error: serializeError(exception), requestId }, 'Unhandled error');
    }
    // The envelope is JSON even when the route declared another type (the HTML poster): an error body sent
    // as text/html could not be serialized and turned a 422 into a 500.
    reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send({ ...body, requestId } satisfies IErrorResponse);
  }

  private describe(exception: unknown): [number, Omit<IErrorResponse, 'requestId'>] {
    if (exception instanceof DomainException) {
      return [exception.getStatus(), { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof ThrottlerException) {
      return [HttpStatus.TOO_MANY_REQUESTS, { code: ErrorCode.RateLimited, message: '请求过于频繁，请稍后再试' }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response && 'message' in response && typeof response.message === 'string'
          ? response.message
          : exception.message;
      return [
        status,
        { code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed), message },
      ];
    }
    if (isLockContention(exception)) {
      // Concurrent changes kept colliding after runInTransaction's retries: a conflict to retry, not a fault.
      return [HttpStatus.CONFLICT, { code: ErrorCode.Conflict, message: '其他操作正在修改同一数据，请稍后重试' }];
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return [
        status,
        { code: STATUS_CODES[status] ?? ErrorCode.ValidationFailed, message: fastifyError.message ?? '请求无效' },
      ];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: ErrorCode.Internal, message: '服务器内部错误，请稍后重试' }];
  }
}
