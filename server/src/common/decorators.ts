import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsPositive, IsString, Max, Min } from 'class-validator';
import { LIMITS, type Permission } from '@app/shared';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'route:public';
export const ALLOW_KEY = 'route:permissions';
export const PENDING_PASSWORD_KEY = 'route:pending-password';

/** No sign-in needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * The caller needs one of these permissions (shared/src/permissions.ts) through some grant; whether the
 * grant covers the object is checked in services. A method's `@Allow` replaces its controller's.
 */
export const Allow = (...permissions: Permission[]) => SetMetadata(ALLOW_KEY, permissions);

/** Still open to an account that must change its password first (reading itself, changing the password). */
export const AllowPendingPassword = () => SetMetadata(PENDING_PASSWORD_KEY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});

/** Ids are INT columns: a larger number cannot name a row, and is refused before it reaches a query. */
export function IsEntityId(): PropertyDecorator {
  return applyDecorators(
    IsInt({ message: '$property 必须是整数 ID' }),
    IsPositive({ message: '$property 必须是正整数' }),
    Max(LIMITS.entityId, { message: `$property 不能大于 ${LIMITS.entityId}` }),
  );
}

/** Strings are stored trimmed: leading/trailing blanks carry no meaning and only eat the column's length. */
export function Trim(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
}

/**
 * A required free text: trimmed, then refused when nothing is left, so "   " is not a reason, a name or a
 * description (R14). Combine with @MaxLength; the length is checked on the trimmed text.
 */
export function IsNonBlank(): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsString({ message: '$property 必须是字符串' }),
    IsNotEmpty({ message: '请填写 $property' }),
  );
}

export function IsQueryInt(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt({ message: '$property 必须是整数' }),
    Min(min, { message: `$property 不能小于 ${min}` }),
    Max(max, { message: `$property 不能大于 ${max}` }),
  );
}
