import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { PropertyModule } from '../property/property.module';
import { BindingDirectory } from './binding-directory.service';
import { BindingsController } from './bindings.controller';
import { BindingsService } from './bindings.service';
import { HouseBinding } from './house-binding.entity';
import { HouseDetailController } from './house-detail.controller';

@Module({
  imports: [TypeOrmModule.forFeature([HouseBinding]), IdentityModule, PropertyModule],
  controllers: [BindingsController, HouseDetailController],
  providers: [BindingsService, BindingDirectory],
  // BindingsService: the cashier desk finds a payer's houses by phone with the same audited, rate-limited lookup.
  exports: [BindingDirectory, BindingsService],
})
export class BindingsModule {}
