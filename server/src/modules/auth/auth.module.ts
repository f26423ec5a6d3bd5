import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BindingsModule } from '../bindings/bindings.module';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { AuthController, MeController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { MeService } from './me.service';
import { PrincipalLoader } from './principal.loader';

/**
 * The HTTP side of identity: sign-in routes, the global guard (token → Principal with grants resolved to
 * projects) and /me. It sits on top because describing a user needs property and bindings.
 */
@Module({
  imports: [IdentityModule, PropertyModule, BindingsModule],
  controllers: [AuthController, MeController],
  providers: [MeService, PrincipalLoader, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
