import { HttpException, HttpStatus, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PayTargetKind, PaymentStatus, TenderMethod } from '@app/shared';
import { runInTransaction } from '../../database/transactions';
import { PaymentsService } from '../payments/payments.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { PrepayLedgerEntry } from './prepay.entity';
import { PrepayService } from './prepay.service';

/** Conflicts tolerated per house before it waits for the next trigger (another settler kept winning). */
const MAX_CONFLICTS = 5;
/** How long a top-up's settlement waits for the top-up's transaction to commit before giving up. */
const COMMIT_WAIT_MS = 30_000;

/**
 * Settles published bills from prepayment accounts, oldest first (docs/prepay-invoices.md). One settlement
 * step = one transaction: a `prepaid` payment through the payments core (receipt, allocation, the bill's
 * conditional paid_fen update) and the account's conditional debit with a `settle` ledger line. Whatever
 * races it — another instance, the cashier, a WeChat payment — loses on one of those conditions, rolls back
 * whole and re-reads; so a bill is never paid twice and the balance never goes below zero.
 *
 * Triggers: billing's BillPublishedHooks (after a publish commits), a committed top-up, and a sweep every
 * `sweepMs` (catches a process that died between a publish and its settlement).
 */
@Injectable()
export class PrepaySettler implements OnModuleDestroy {
  private readonly logger = new Logger(PrepaySettler.name);
  private chain: Promise<void> = Promise.resolve();
  private readonly queued = new Set<number>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly prepay: PrepayService,
    private readonly payments: PaymentsService,
    private readonly property: PropertyDirectory,
  ) {}

  /** Houses to settle; each is worked once per queue pass, in the order asked. */
  request(houseIds: readonly number[]): Promise<void> {
    const fresh = houseIds.filter((id) => !this.queued.has(id));
    fresh.forEach((id) => this.queued.add(id));
    if (fresh.length)
      this.enqueue(async () => {
        for (const houseId of fresh) {
          this.queued.delete(houseId);
          await this.settleHouse(houseId).catch((error: unknown) =>
            this.logger.error({ err: error, houseId }, 'prepay settlement failed'),
          );
        }
      });
    return this.idle();
  }

  /** After a top-up: waits (detached) until its ledger line is committed, then settles the house. */
  afterTopup(houseId: number, ref: string): void {
    this.enqueue(async () => {
      const deadline = Date.now() + COMMIT_WAIT_MS;
      while (!this.closed && Date.now() < deadline) {
        if (await this.db.getRepository(PrepayLedgerEntry).existsBy({ ref })) {
          await this.settleHouse(houseId).catch((error: unknown) =>
            this.logger.error({ err: error, houseId }, 'prepay settlement failed'),
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  }

  /** Every house of the project (or all projects' accounts) with a balance. */
  async sweep(projectId?: number): Promise<void> {
    const houseIds =
      projectId === undefined
        ? await this.prepay.housesWithBalanceAnywhere()
        : await this.prepay.housesWithBalance(projectId);
    await this.request(houseIds);
  }

  startSweeping(sweepMs: number): void {
    if (sweepMs <= 0 || this.sweepTimer) return;
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((error: unknown) => this.logger.error({ err: error }, 'prepay sweep failed')),
      sweepMs,
    );
    this.sweepTimer.unref();
  }

  /** Resolves when everything queued so far has been worked (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    return this.chain;
  }

  /** Settles the house's open bills, oldest first, one transaction per bill, until money or bills run out. */
  async settleHouse(houseId: number): Promise<number> {
    let settled = 0;
    let conflicts = 0;
    for (;;) {
      try {
        const paid = await runInTransaction(this.db, async (tx) => {
          const balance = (await this.prepay.balanceOf(tx, houseId)) ?? 0;
          if (balance <= 0) return 0;
          const payables = await this.payments.payablesOfHouse(houseId, tx);
          // Oldest period first (a month published late still comes before a later month), then publish time.
          const bill = payables.items
            .filter((i) => i.kind === 'bill' && i.balanceFen > 0)
            .sort(
              (a, b) =>
                (a.period ?? '').localeCompare(b.period ?? '') ||
                Date.parse(a.dueSince) - Date.parse(b.dueSince) ||
                a.id - b.id,
            )[0];
          if (!bill) return 0;
          const amountFen = Math.min(balance, bill.balanceFen);
          const project = await this.property.project(bill.projectId, tx);
          const companyId = project?.companyId ?? 0;
          const receipt = await this.payments.openReceipt(tx, {
            companyId,
            projectId: bill.projectId,
            houseId,
            issuedBy: null,
          });
          const paymentId = await this.payments.recordPayment(tx, {
            companyId,
            projectId: bill.projectId,
            houseId,
            receiptId: receipt.id,
            method: TenderMethod.Prepaid,
            amountFen,
            status: PaymentStatus.Confirmed,
            allocations: [{ kind: PayTargetKind.Bill, targetId: bill.id, amountFen, title: bill.title }],
            reference: null,
            collectedBy: null,
            actorId: null,
          });
          await this.prepay.debit(tx, {
            houseId,
            amountFen,
            kind: 'settle',
            billId: bill.id,
            paymentId,
            note: `${bill.title}抵扣（收据 ${receipt.number}）`,
            ref: `settle:payment:${paymentId}`,
            actorId: null,
          });
          return amountFen;
        });
        if (!paid) return settled;
        settled += paid;
      } catch (error) {
        // Someone else paid the bill or spent the balance first: nothing of ours was written; re-read.
        if (error instanceof HttpException && error.getStatus() === HttpStatus.CONFLICT && ++conflicts <= MAX_CONFLICTS)
          continue;
        throw error;
      }
    }
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work, work);
  }
}
