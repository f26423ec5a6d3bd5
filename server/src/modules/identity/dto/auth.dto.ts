import { IsInt, IsNotEmpty, IsPositive, IsString, Max, MaxLength } from 'class-validator';
import { LIMITS } from '@app/shared';
import type {
  IChangePasswordRequest,
  IDemoLoginRequest,
  IPasswordLoginRequest,
  IRefreshRequest,
  IWechatLoginRequest,
} from '@app/shared';

export class WechatLoginDto implements IWechatLoginRequest {
  @IsString({ message: 'code 必须是字符串' })
  @IsNotEmpty({ message: 'code 不能为空' })
  @MaxLength(128, { message: 'code 过长' })
  code: string;
}

export class PasswordLoginDto implements IPasswordLoginRequest {
  @IsString({ message: 'login 必须是字符串' })
  @IsNotEmpty({ message: '请输入用户名或手机号' })
  @MaxLength(64, { message: 'login 过长' })
  login: string;

  @IsString({ message: 'password 必须是字符串' })
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(128, { message: 'password 过长' })
  password: string;
}

export class RefreshDto implements IRefreshRequest {
  @IsString({ message: 'refreshToken 必须是字符串' })
  @IsNotEmpty({ message: 'refreshToken 不能为空' })
  @MaxLength(128, { message: 'refreshToken 过长' })
  refreshToken: string;
}

export class DemoLoginDto implements IDemoLoginRequest {
  @IsInt({ message: 'userId 必须是整数' })
  @IsPositive({ message: 'userId 必须是正整数' })
  @Max(LIMITS.entityId, { message: 'userId 不是有效的用户 ID' })
  userId: number;
}

export class ChangePasswordDto implements IChangePasswordRequest {
  @IsString({ message: 'currentPassword 必须是字符串' })
  @IsNotEmpty({ message: '请输入当前密码' })
  @MaxLength(128, { message: 'currentPassword 过长' })
  currentPassword: string;

  @IsString({ message: 'newPassword 必须是字符串' })
  @IsNotEmpty({ message: '请输入新密码' })
  @MaxLength(72, { message: '新密码不能超过 72 位' })
  newPassword: string;
}
