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
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [AuthService, TokenService, PasswordService, AccessService, UserDirectory],
  exports: [AuthService, TokenService, AccessService, PasswordService, UserDirectory],
})
export class IdentityModule {}
