import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { PayOrderStatus } from '@app/shared';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { addMinutes, now } from '../../../common/time';
import { PayOrder } from '../payments.entity';
import { nextQueryAt } from './order-rules';
import { PayOrdersService } from './pay-orders.service';
import { RefundsService } from './refunds.service';
import { ShippingUploads } from './shipping-uploads';

/** How long a claimed order is left to the instance that claimed it before another may query it. */
const CLAIM_MINUTES = 2;

/**
 * Orders without a notify are queried 1, 5, 30 min after prepay, then hourly, and closed at expiry; approved
 * WeChat refunds are queried until they end; paid orders' shipping info is uploaded (ShippingUploads). Every instance runs it (like the SLA scheduler); each order is
 * claimed by a conditional update of its next_query_at, so exactly one instance handles it per turn, and
 * settling itself is exactly-once anyway (created→paid).
 */
@Injectable()
export class PaymentSweep {
  private readonly log = new Logger('PaymentSweep');
  private readonly tasks = new Map<string, () => Promise<number>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly orders: PayOrdersService,
    private readonly refunds: RefundsService,
    private readonly shipping: ShippingUploads,
  ) {}

  /** Work of another part of payments run on each pass (the cashier's unconfirmed 撤销), by name, registered at start-up. */
  useTask(name: string, task: () => Promise<number>): void {
    this.tasks.set(name, task);
  }

  /** One pass; returns how many orders it settled or closed, refunds it finished and shipping uploads it ended. */
  async run(limit = 100): Promise<{ settled: number; closed: number; refunds: number; shipped: number }> {
    const at = now();
    const due = await this.db.getRepository(PayOrder).find({
      where: { status: PayOrderStatus.Created, nextQueryAt: LessThanOrEqual(at), prepayId: Not(IsNull()) },
      order: { nextQueryAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    let settled = 0;
    let closed = 0;
    for (const order of due) {
      const claim = await this.db
        .createQueryBuilder()
        .update(PayOrder)
        .set({ nextQueryAt: addMinutes(at, CLAIM_MINUTES), queryCount: () => 'query_count + 1' })
        .where('id = :id AND status = :created AND next_query_at = :seen', {
          id: order.id,
          created: PayOrderStatus.Created,
          seen: order.nextQueryAt,
        })
        .execute();
      if (claim.affected !== 1) continue; // another instance took it
      try {
        const state = await this.orders.queryAndSettle(order);
        if (state === 'SUCCESS') settled++;
        else if (now() >= order.expiresAt || state === 'CLOSED' || state === null) {
          await this.orders.closeAtWechat(order, 'expired');
          closed++;
        } else {
          await this.db
            .getRepository(PayOrder)
            .update(
              { id: order.id, status: PayOrderStatus.Created },
              { nextQueryAt: nextQueryAt(order.createdAt, order.expiresAt, order.queryCount + 1) },
            );
        }
      } catch (e) {
        this.log.warn(`order query failed: ${(e as Error).message}`);
      }
    }
    const refunds = await this.refunds.sweep();
    // Orders settled by this very pass are uploaded in it too.
    const shipped = await this.shipping.sweep().catch((e: Error) => {
      this.log.warn(`shipping upload sweep failed: ${e.message}`);
      return 0;
    });
    for (const [name, task] of this.tasks)
      await task().catch((e: Error) => this.log.warn(`${name} failed: ${e.message}`));
    return { settled, closed, refunds, shipped };
  }
}

@Injectable()
export class PaymentScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly log = new Logger('PaymentScheduler');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: PaymentSweep,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.paymentsPollSeconds;
    if (!seconds) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep
        .run()
        .catch((e: Error) => this.log.warn(`payment sweep failed: ${e.message}`))
        .finally(() => {
          this.running = null;
        });
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
