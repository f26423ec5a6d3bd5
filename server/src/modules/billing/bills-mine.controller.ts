import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { IBill, IBillDetail } from '@app/shared';
import { CurrentUser } from '../../common/decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import type { Principal } from '../../common/principal';
import { BillsService } from './bills.service';
import { MineQueryDto } from './dto/billing.dto';

/** Residents' bills: published bills of their own approved houses; anything else is 404. */
@ApiTags('billing')
@Controller('bills/mine')
export class BillsMineController {
  constructor(private readonly bills: BillsService) {}

  @Get()
  mine(@CurrentUser() principal: Principal, @Query() query: MineQueryDto): Promise<IBill[]> {
    return this.bills.mine(principal, query.houseId);
  }

  @Get(':id')
  mineOne(@CurrentUser() principal: Principal, @Param('id', ParseIdPipe) id: number): Promise<IBillDetail> {
    return this.bills.mineOne(principal, id);
  }
}
