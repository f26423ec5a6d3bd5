import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@app/shared';

/** The one exception type for business errors; the global filter turns it into the error envelope. */
export class DomainException extends HttpException {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly details?: unknown,
  ) {
    super({ code, message, details }, status);
  }

  static notFound(what = '资源'): DomainException {
    return new DomainException(ErrorCode.NotFound, `${what}不存在`, HttpStatus.NOT_FOUND);
  }

  static forbidden(message = '无权执行此操作'): DomainException {
    return new DomainException(ErrorCode.Forbidden, message, HttpStatus.FORBIDDEN);
  }

  static conflict(message: string, details?: unknown): DomainException {
    return new DomainException(ErrorCode.Conflict, message, HttpStatus.CONFLICT, details);
  }

  static validation(field: string, message: string): DomainException {
    return new DomainException(ErrorCode.ValidationFailed, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      fields: [{ field, message }],
    });
  }
}
