import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { IDemoAccountList, IMe, ITokenPair } from '@app/shared';
import { AllowPendingPassword, CurrentUser, Public } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { AuthService } from '../identity/auth.service';
import {
  ChangePasswordDto,
  DemoLoginDto,
  PasswordLoginDto,
  RefreshDto,
  WechatLoginDto,
} from '../identity/dto/auth.dto';
import { StaffAccountsService } from '../identity/staff-accounts.service';
import { MeService } from './me.service';
import { DomainException } from '../../common/domain.exception';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
  ) {}

  @Public()
  @Post('wechat/login')
  @HttpCode(200)
  async wechatLogin(@Body() body: WechatLoginDto): Promise<ITokenPair> {
    return this.me.pair(await this.auth.wechatLogin(body.code));
  }

  @Public()
  @Post('password/login')
  @HttpCode(200)
  async passwordLogin(@Body() body: PasswordLoginDto): Promise<ITokenPair> {
    return this.me.pair(await this.auth.passwordLogin(body.login, body.password));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: RefreshDto): Promise<ITokenPair> {
    return this.me.pair(await this.auth.refresh(body.refreshToken));
  }

  @Public()
  @SkipThrottle()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Public()
  @SkipThrottle()
  @Get('demo/accounts')
  demoAccounts(): Promise<IDemoAccountList> {
    return this.me.demoAccounts();
  }

  @Public()
  @Post('demo/login')
  @HttpCode(200)
  async demoLogin(@Body() body: DemoLoginDto): Promise<ITokenPair> {
    return this.me.pair(await this.auth.demoLogin(body.userId));
  }
}

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly auth: AuthService,
    private readonly staff: StaffAccountsService,
  ) {}

  /** The one write open to an account that must change its password first. */
  @Post('password')
  @HttpCode(204)
  @AllowPendingPassword()
  changePassword(@CurrentUser() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    return this.staff.changeOwnPassword(principal.userId, body.currentPassword, body.newPassword);
  }

  @Post('wechat')
  @HttpCode(204)
  bindWechat(@CurrentUser() principal: Principal, @Body() body: WechatLoginDto): Promise<void> {
    return this.auth.bindWechat(principal.userId, body.code);
  }

  @Delete('wechat')
  @HttpCode(204)
  unbindWechat(@CurrentUser() principal: Principal): Promise<void> {
    return this.auth.unbindWechat(principal.userId);
  }

  @Get()
  @AllowPendingPassword()
  async current(@CurrentUser() principal: Principal): Promise<IMe> {
    const user = await this.auth.findActiveUser(principal.userId);
    if (!user) throw DomainException.notFound('用户');
    return this.me.describe(user);
  }
}
