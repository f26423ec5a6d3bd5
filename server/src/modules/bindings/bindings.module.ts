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
  exports: [BindingDirectory],
})
export class BindingsModule {}
