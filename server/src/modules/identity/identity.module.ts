import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatModule } from '../wechat/wechat.module';
import { AccessService } from './access.service';
import { AuthController, MeController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MeService } from './me.service';
import { PasswordService } from './password.service';
import { StaffAccountsService } from './staff-accounts.service';
import { TokenService } from './token.service';

@Module({
  imports: [
    WechatModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, MeController],
  providers: [AuthService, TokenService, PasswordService, MeService, AccessService, StaffAccountsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessService, PasswordService, MeService, StaffAccountsService],
})
export class IdentityModule {}
