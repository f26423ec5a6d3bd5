import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsPositive, Max, Min } from 'class-validator';
import type { Role } from '@app/shared';
import type { Principal } from './principal';

export const PUBLIC_KEY = 'route:public';
export const ROLES_KEY = 'route:roles';

/** No sign-in needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller needs at least one of these roles somewhere; object-level scope is checked in services. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});

export function IsEntityId(): PropertyDecorator {
  return applyDecorators(IsInt({ message: '$property 必须是整数 ID' }), IsPositive({ message: '$property 必须是正整数' }));
}

export function IsQueryInt(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Type(() => Number),
    IsInt({ message: '$property 必须是整数' }),
    Min(min, { message: `$property 不能小于 ${min}` }),
    Max(max, { message: `$property 不能大于 ${max}` }),
  );
}
