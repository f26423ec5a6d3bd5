import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type IPage,
  type IPrepayAccount,
  type IPrepayLedgerEntry,
  type IPrepayOffer,
  type IPrepayOfferQuote,
} from '@app/shared';
import { Allow, CurrentUser } from '../../common/decorators';
import type { Principal } from '../../common/principal';
import { PrepayAccessService } from './prepay-access.service';
import { HouseLedgerQueryDto, HouseQueryDto, ProjectQueryDto, UpsertPrepayOfferDto } from './prepay.dto';
import { PrepayOffersService } from './prepay-offers.service';
import { PrepayService } from './prepay.service';

/** PREPAY_ROUTES: the resident's own account (`mine`, approved houses only) and the staff side (prepay.view). */
@ApiTags('prepay')
@Controller('prepay')
export class PrepayController {
  constructor(
    private readonly prepay: PrepayService,
    private readonly offers: PrepayOffersService,
    private readonly access: PrepayAccessService,
  ) {}

  @Get('mine')
  async myAccount(@CurrentUser() principal: Principal, @Query() query: HouseQueryDto): Promise<IPrepayAccount> {
    await this.access.assertResident(principal, query.houseId);
    return this.prepay.accountView(query.houseId);
  }

  @Get('mine/ledger')
  async myLedger(
    @CurrentUser() principal: Principal,
    @Query() query: HouseLedgerQueryDto,
  ): Promise<IPage<IPrepayLedgerEntry>> {
    await this.access.assertResident(principal, query.houseId);
    return this.prepay.ledgerView(query.houseId, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('mine/offers')
  async myOffers(@CurrentUser() principal: Principal, @Query() query: HouseQueryDto): Promise<IPrepayOfferQuote[]> {
    await this.access.assertResident(principal, query.houseId);
    return this.offers.quotes(query.houseId);
  }

  @Get('accounts')
  @Allow(Permission.PrepayView)
  async account(@CurrentUser() principal: Principal, @Query() query: HouseQueryDto): Promise<IPrepayAccount> {
    await this.access.assertStaff(principal, query.houseId);
    return this.prepay.accountView(query.houseId);
  }

  @Get('ledger')
  @Allow(Permission.PrepayView)
  async ledger(
    @CurrentUser() principal: Principal,
    @Query() query: HouseLedgerQueryDto,
  ): Promise<IPage<IPrepayLedgerEntry>> {
    await this.access.assertStaff(principal, query.houseId);
    return this.prepay.ledgerView(query.houseId, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('offers')
  @Allow(Permission.PrepayView)
  listOffers(@CurrentUser() principal: Principal, @Query() query: ProjectQueryDto): Promise<IPrepayOffer[]> {
    return this.offers.list(principal, query.projectId);
  }

  /** Creates an offer, or (with `id`) changes one; every change is audited. */
  @Post('offers')
  @HttpCode(200)
  @Allow(Permission.PrepayOfferEdit)
  upsertOffer(@CurrentUser() principal: Principal, @Body() body: UpsertPrepayOfferDto): Promise<IPrepayOffer> {
    return this.offers.upsert(principal, body);
  }
}
