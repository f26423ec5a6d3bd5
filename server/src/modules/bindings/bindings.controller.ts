import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, type IBinding, type IPage } from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { BindingQueryDto, CallerLookupDto, CreateBindingDto, RejectBindingDto } from './bindings.dto';
import { BindingsService } from './bindings.service';

@ApiTags('bindings')
@Controller('bindings')
export class BindingsController {
  constructor(private readonly bindings: BindingsService) {}

  @Post()
  apply(@CurrentUser() principal: Principal, @Body() body: CreateBindingDto): Promise<IBinding> {
    return this.bindings.apply(principal, body);
  }

  @Get('mine')
  mine(@CurrentUser() principal: Principal): Promise<IBinding[]> {
    return this.bindings.mine(principal);
  }

  @Get('family-requests')
  familyRequests(@CurrentUser() principal: Principal): Promise<IBinding[]> {
    return this.bindings.familyRequests(principal);
  }

  @Get()
  @Allow(Permission.BindingReview)
  list(@CurrentUser() principal: Principal, @Query() query: BindingQueryDto): Promise<IPage<IBinding>> {
    return this.bindings.list(principal, query);
  }

  /** 代客报修: who is calling — their verified houses in the project, found by phone (audited). */
  @Post('lookup')
  @HttpCode(200)
  @Allow(Permission.TicketIntake)
  lookup(@CurrentUser() principal: Principal, @Body() body: CallerLookupDto): Promise<IBinding[]> {
    return this.bindings.lookupCaller(principal, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBinding> {
    return this.bindings.approve(principal, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RejectBindingDto,
  ): Promise<IBinding> {
    return this.bindings.reject(principal, id, body.reason);
  }
}
