import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Between } from 'typeorm';
import {
  ChargeConfirmation,
  ChargeConfirmedVia,
  ChargeSource,
  ChargeStatus,
  ErrorCode,
  ICounterSale,
  ICounterSaleLedger,
  PaymentMethod,
  Permission,
} from '@app/shared';
import { LIMITS } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { assertTotalWithin, CatalogService } from '../catalog/catalog.service';
import { AccessService } from '../identity/access.service';
import { PropertyDirectory } from '../property/property-directory.service';
import { Charge } from './charge.entity';
import { ChargeStore } from './charge-store';
import { ChargesService } from './charges.service';
import { CounterSaleDto } from './dto/cash.dto';

/** A desk sale is small (打字复印, keys, cards); a larger sum is a typo (R14, LIMITS in @app/shared). */
const COUNTER_SALE_MAX_FEN = LIMITS.counterSaleTotalFen;

/** A counter sale is a charge paid on the spot; the ledger shows how it was paid and any note. */

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** 打字复印 and other desk sales: priced from the schedule in force, paid on the spot, kept in a daily ledger. */
@Injectable()
export class CounterSalesService {
  constructor(
    private readonly store: ChargeStore,
    private readonly charges: ChargesService,
    private readonly catalog: CatalogService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  async create(principal: Principal, dto: CounterSaleDto): Promise<ICounterSale> {
    this.access.assertProject(principal, dto.projectId, Permission.CounterSaleCreate);
    const project = await this.property.project(dto.projectId);
    if (!project) throw DomainException.notFound('项目');
    if (dto.houseId) {
      const house = await this.property.house(dto.houseId);
      if (!house || house.projectId !== project.id) throw DomainException.notFound('房屋');
    }
    const at = now();
    const quote = await this.catalog.priceQuote(project.id, { items: dto.items }, at);
    assertTotalWithin(quote.totalFen, COUNTER_SALE_MAX_FEN, 'items', '前台收费');
    await this.assertCounterItems(
      quote.scheduleVersionId,
      dto.items.map((i) => i.code),
    );
    const id = await this.store.transaction(async (tx) => {
      const chargeId = await this.charges.insertCharge(
        tx,
        {
          companyId: project.companyId,
          projectId: project.id,
          houseId: dto.houseId ?? null,
          source: ChargeSource.Counter,
          sourceKey: `${ChargeSource.Counter}:${randomUUID()}`,
          totalFen: quote.totalFen,
          paymentMethod: PaymentMethod.Counter,
          status: ChargeStatus.Paid,
          paidAt: at,
          counterPaidBy: dto.paidBy,
          note: dto.note ?? null,
          confirmation: ChargeConfirmation.Confirmed,
          confirmedVia: ChargeConfirmedVia.Counter,
          confirmedBy: principal.userId,
          confirmedAt: at,
          createdBy: principal.userId,
          createdAt: at,
          updatedAt: at,
        },
        quote.lines.map((l) => ({ ...l, scheduleVersionId: quote.scheduleVersionId })),
      );
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'counter_sale.create',
        entityType: 'charge',
        entityId: chargeId,
        companyId: project.companyId,
        projectId: project.id,
        after: {
          totalFen: quote.totalFen,
          paidBy: dto.paidBy,
          scheduleVersionId: quote.scheduleVersionId,
          lines: quote.lines,
        },
      });
      return chargeId;
    });
    return (await this.sales([await this.store.find(id)]))[0];
  }

  /**
   * The counter sells only counter items: the 打字复印 category and items marked for counter sale. Repair
   * and service items are charged through a ticket with the resident's signed agreement, never over the desk.
   */
  private async assertCounterItems(scheduleVersionId: number, codes: string[]): Promise<void> {
    const index = await this.catalog.firstNonCounterItem(scheduleVersionId, codes);
    if (index < 0) return;
    const message = `收费项目 ${codes[index]} 不是前台收费项目：前台只收打字复印等柜台项目，维修和上门服务须通过工单收费`;
    throw new DomainException(ErrorCode.NotCounterItem, message, HttpStatus.UNPROCESSABLE_ENTITY, {
      fields: [{ field: `items[${index}].code`, message }],
    });
  }

  /** One Asia/Shanghai business day of counter sales for a project. */
  async ledger(principal: Principal, projectId: number, date: string): Promise<ICounterSaleLedger> {
    this.access.assertProject(principal, projectId, Permission.CounterSaleView);
    const start = Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
    if (Number.isNaN(start)) throw DomainException.validation('date', 'date 必须是有效日期');
    const rows = await this.store.db.getRepository(Charge).find({
      where: {
        projectId,
        source: ChargeSource.Counter,
        paidAt: Between(new Date(start), new Date(start + DAY_MS - 1)),
      },
      order: { paidAt: 'ASC', id: 'ASC' },
    });
    const entries = await this.sales(rows);
    return {
      projectId,
      date,
      totalFen: entries.reduce((sum, e) => sum + e.totalFen, 0),
      count: entries.length,
      entries,
    };
  }

  private async sales(rows: Charge[]): Promise<ICounterSale[]> {
    const views = await this.store.views(rows);
    return views.map((v, i) => ({ ...v, paidBy: rows[i].counterPaidBy ?? '', note: rows[i].note }));
  }
}
