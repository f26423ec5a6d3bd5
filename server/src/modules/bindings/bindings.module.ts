import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { BindingsController } from './bindings.controller';
import { BindingsService } from './bindings.service';

@Module({
  imports: [IdentityModule],
  controllers: [BindingsController],
  providers: [BindingsService],
})
export class BindingsModule {}
