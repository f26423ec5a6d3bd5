import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { WechatModule } from '../wechat/wechat.module';
import { AccessService } from './access.service';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import { RefreshToken } from './refresh-token.entity';
import { RoleAssignment } from './role-assignment.entity';
import { SessionCache } from './session-cache';
import { StaffAccountRecords } from './staff-account-records';
import { StaffAccountsService } from './staff-accounts.service';
import { TokenService } from './token.service';
import { UserDirectory } from './user-directory.service';
import { User } from './user.entity';

/** People, their role grants and sessions. The HTTP side (sign-in routes, the guard, /me) is the auth module. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RoleAssignment, RefreshToken]),
    WechatModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every sign and verify — measured at ~6 % of the server's CPU under load (bench:api).
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [
    AuthService,
    TokenService,
    PasswordService,
    AccessService,
    UserDirectory,
    StaffAccountsService,
    StaffAccountRecords,
    SessionCache,
  ],
  exports: [AuthService, TokenService, AccessService, PasswordService, UserDirectory, StaffAccountsService],
})
export class IdentityModule {}
