import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode, IFieldError } from '@app/shared';
import { DomainException } from './domain.exception';

function flatten(errors: ValidationError[], parent = ''): IFieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 422 with one entry per offending field; unknown fields are refused so nobody sets what they may not. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const summary = fields.map((f) => f.field).filter((f, i, all) => all.indexOf(f) === i).join(', ');
      return new DomainException(
        ErrorCode.ValidationFailed,
        `请求参数有误：${summary}`,
        HttpStatus.UNPROCESSABLE_ENTITY,
        { fields },
      );
    },
  });
}
