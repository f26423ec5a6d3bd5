import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BillPublishedHooks } from '../billing/bill-published-hooks';
import { BillingModule } from '../billing/billing.module';
import { BindingsModule } from '../bindings/bindings.module';
import { IdentityModule } from '../identity/identity.module';
import { PaymentsModule } from '../payments/payments.module';
import { PaymentsService } from '../payments/payments.service';
import { PropertyModule } from '../property/property.module';
import { PrepayAccessService } from './prepay-access.service';
import { PrepayController } from './prepay.controller';
import { PrepayAccount, PrepayLedgerEntry, PrepayOffer } from './prepay.entity';
import { PrepayOffersService } from './prepay-offers.service';
import { PrepaySettler } from './prepay-settler';
import { PrepayService } from './prepay.service';

/** Catch-up sweep of accounts with a balance (a crash between a publish and its settlement). */
const SWEEP_MS = 10 * 60_000;

/**
 * Prepayment accounts (预存, docs/prepay-invoices.md): accounts, ledger, offers, and auto-settlement of published
 * bills. Sits above payments and billing: it registers the top-up sink with payments and listens to billing's
 * "bills published" hook, so neither of them imports prepay.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PrepayAccount, PrepayLedgerEntry, PrepayOffer]),
    IdentityModule,
    PropertyModule,
    BindingsModule,
    BillingModule,
    PaymentsModule,
  ],
  controllers: [PrepayController],
  providers: [PrepayService, PrepayOffersService, PrepaySettler, PrepayAccessService],
  exports: [PrepayService, PrepayOffersService, PrepaySettler],
})
export class PrepayModule implements OnApplicationBootstrap {
  constructor(
    private readonly hooks: BillPublishedHooks,
    private readonly payments: PaymentsService,
    private readonly prepay: PrepayService,
    private readonly offers: PrepayOffersService,
    private readonly settler: PrepaySettler,
  ) {}

  onApplicationBootstrap(): void {
    this.hooks.subscribe(async (event) => {
      await this.settler.request(await this.prepay.housesWithBalance(event.projectId, event.houseIds));
    });
    this.payments.useTopupSink(async (tx, topup) => {
      if (topup.reversal) {
        await this.prepay.debitRefund(tx, topup.houseId, topup.paymentId, topup.amountFen);
        return;
      }
      await this.offers.creditTopup(tx, {
        houseId: topup.houseId,
        amountFen: topup.amountFen,
        paymentId: topup.paymentId,
        offerId: topup.offerId ?? null,
        actorId: null,
      });
      this.settler.afterTopup(topup.houseId, `payment:${topup.paymentId}:topup`);
    });
    // The desk's 预存抵扣 tender: the conditional debit refuses (409 with the balance) what the account cannot cover.
    this.payments.usePrepaySpender(
      async (tx, spend) => {
        await this.prepay.debit(tx, { ...spend, kind: 'settle', ref: `settle:payment:${spend.paymentId}` });
      },
      async (tx, houseId) => (await this.prepay.balanceOf(tx, houseId)) ?? 0,
    );
    this.settler.startSweeping(SWEEP_MS);
  }
}
