import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  ChargeConfirmation,
  ChargeConfirmedVia,
  ChargeSource,
  ChargeStatus,
  ErrorCode,
  ICharge,
  IPage,
  IPageQuery,
  PaymentMethod,
  Permission,
  UserKind,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../../database/errors';
import { placeholders } from '../../database/raw-rows';
import { OwnedSelect, PropertyDirectory } from '../property/property-directory.service';
import { Charge, ChargeLine } from './charge.entity';
import { ChargeStore, TicketTechnicianLookup } from './charge-store';
import { ChargeQueryDto } from './dto/charges.dto';
import {
  cashLimitExceeded,
  chargeUnconfirmed,
  ticketCharges,
  verifiedTotal,
  type PostedLine,
  type PostTicketChargeInput,
  type TicketChargeRow,
} from './charge-rules';

// Other files import these from here.
export { cashLimitExceeded, chargeUnconfirmed, type PostedLine, type PostTicketChargeInput } from './charge-rules';

/** Posting charges, the resident's payment choice, and reads. */
@Injectable()
export class ChargesService {
  constructor(
    private readonly store: ChargeStore,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly property: PropertyDirectory,
  ) {}

  /** See `TicketTechnicianLookup`: the tickets module registers it when it starts. */
  useTicketLookup(lookup: TicketTechnicianLookup): void {
    this.store.useTicketLookup(lookup);
  }

  /**
   * Called by the tickets module when a paid ticket is verified. Exactly one charge per ticket: the
   * unique source_key decides between concurrent callers and the losers return the winner's charge.
   */
  async postForTicket(input: PostTicketChargeInput, tx?: EntityManager): Promise<ICharge> {
    const agreementRef = input.agreementRef?.trim() ?? '';
    if (!agreementRef || agreementRef.length > 64) {
      throw new DomainException(
        ErrorCode.AgreementRequired,
        '住户尚未确认报价，不能生成费用',
        HttpStatus.UNPROCESSABLE_ENTITY,
        {
          fields: [{ field: 'agreementRef', message: '缺少住户确认报价的记录' }],
        },
      );
    }
    const totalFen = verifiedTotal(input.lines);
    const sourceKey = `${ChargeSource.Ticket}:${input.ticketId}`;
    const reader = tx ?? this.store.db.manager;
    const existing = await reader.getRepository(Charge).findOneBy({ sourceKey });
    if (existing) return this.store.view(existing.id, reader);

    const project = await this.property.project(input.projectId, reader);
    const house = await this.property.house(input.houseId, reader);
    if (!project || !house || house.projectId !== project.id) throw DomainException.notFound('房屋');

    const write = async (m: EntityManager): Promise<number> => {
      const at = now();
      const id = await this.insertCharge(
        m,
        {
          companyId: project.companyId,
          projectId: project.id,
          houseId: house.id,
          source: ChargeSource.Ticket,
          sourceKey,
          ticketId: input.ticketId,
          ticketSerial: input.ticketSerial,
          agreementRef,
          totalFen,
          paymentMethod: PaymentMethod.Bill,
          status: ChargeStatus.Open,
          createdBy: input.actorId,
          createdAt: at,
          updatedAt: at,
          ...(input.unconfirmed
            ? { confirmation: ChargeConfirmation.Unconfirmed, confirmedVia: null, confirmedAt: null }
            : {
                confirmation: ChargeConfirmation.Confirmed,
                confirmedVia: ChargeConfirmedVia.ResidentSignature,
                confirmedAt: at,
              }),
        },
        input.lines,
      );
      await this.audit.record(m, {
        actorId: input.actorId,
        action: 'charge.post',
        entityType: 'charge',
        entityId: id,
        companyId: project.companyId,
        projectId: project.id,
        after: {
          ticketId: input.ticketId,
          ticketSerial: input.ticketSerial,
          agreementRef,
          totalFen,
          lines: input.lines,
          confirmation: input.unconfirmed ? ChargeConfirmation.Unconfirmed : ChargeConfirmation.Confirmed,
        },
      });
      return id;
    };
    try {
      const id = tx ? await write(tx) : await this.store.transaction(write);
      return this.store.view(id, reader);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // The winner has committed (that is why the insert failed), so a fresh read outside our transaction sees it.
      const winner = await this.store.db.getRepository(Charge).findOneByOrFail({ sourceKey });
      return this.store.view(winner.id);
    }
  }

  /**
   * The ticket charges of a resident's houses, given as their owner's sub-select (one `house_id` column: bindings'
   * `approvedHouseIdsSelect`), in one statement with the house ids themselves: which tickets' charge still waits
   * for the resident's confirmation (their 待我处理) and each charge's confirmation state (shown next to the
   * charge). Reading the houses first cost a statement of its own (P2, docs/benchmarks.md).
   */
  async ticketChargesOfHouseSelect(
    houses: OwnedSelect,
  ): Promise<{ houseIds: number[]; unconfirmedTicketIds: number[]; confirmations: Map<number, ChargeConfirmation> }> {
    const rows: (Partial<TicketChargeRow> & { house_id: number })[] = await this.store.db.query(
      `SELECT h.house_id AS house_id, c.id AS id, c.ticket_id AS ticket_id, c.confirmation AS confirmation
       FROM (${houses.sql}) h LEFT JOIN charges c ON c.house_id = h.house_id AND c.ticket_id IS NOT NULL`,
      houses.params,
    );
    const houseIds = [...new Set(rows.map((r) => Number(r.house_id)))];
    return {
      houseIds,
      ...ticketCharges(
        rows.filter((r): r is TicketChargeRow & { house_id: number } => r.id !== null && r.id !== undefined),
      ),
    };
  }

  /** Confirmation state of each charge id (tickets show it next to the charge). */
  async confirmations(ids: readonly number[]): Promise<Map<number, ChargeConfirmation>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows: { id: number; confirmation: ChargeConfirmation }[] = await this.store.db.query(
      `SELECT id, confirmation FROM charges WHERE id IN (${placeholders(wanted.length)})`,
      wanted,
    );
    return new Map(rows.map((c) => [Number(c.id), c.confirmation]));
  }

  async insertCharge(tx: EntityManager, row: Partial<Charge>, lines: PostedLine[]): Promise<number> {
    const id = Number((await tx.getRepository(Charge).insert({ version: 1, ...row })).identifiers[0].id);
    await tx.getRepository(ChargeLine).insert(
      lines.map((l, i) => ({
        chargeId: id,
        kind: l.kind,
        code: l.code,
        name: l.name,
        unit: l.unit,
        unitPriceFen: l.unitPriceFen,
        quantityMilli: l.quantityMilli,
        amountFen: l.amountFen,
        scheduleVersionId: l.scheduleVersionId ?? null,
        materialsVersionId: l.materialsVersionId ?? null,
        sortOrder: i,
      })),
    );
    return id;
  }

  async setPaymentMethod(principal: Principal, id: number, method: 'bill' | 'pay_now' | 'cash'): Promise<ICharge> {
    const charge = await this.store.findForResident(principal, id);
    if (charge.confirmation !== ChargeConfirmation.Confirmed) throw chargeUnconfirmed('选择支付方式（请先确认费用）');
    if (charge.status !== ChargeStatus.Open)
      throw await this.store.stateConflict(id, undefined, '该费用已结算，不能再更改支付方式');
    if (method === PaymentMethod.Cash) {
      const { cashLimitFen } = await this.store.rules(charge.companyId);
      if (charge.totalFen > cashLimitFen) throw cashLimitExceeded(charge.totalFen, cashLimitFen);
    }
    await this.store.transaction(async (tx) => {
      await this.store.transition(tx, charge, ChargeStatus.Open, { paymentMethod: method });
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.payment_method',
        entityType: 'charge',
        entityId: charge.id,
        companyId: charge.companyId,
        projectId: charge.projectId,
        before: { paymentMethod: charge.paymentMethod },
        after: { paymentMethod: method },
      });
    });
    return this.store.view(id);
  }

  async get(principal: Principal, id: number): Promise<ICharge> {
    const charge =
      principal.kind === UserKind.Resident
        ? await this.store.findForResident(principal, id)
        : await this.store.findForStaffOrTechnician(principal, id);
    return (await this.store.views([charge]))[0];
  }

  async list(principal: Principal, query: ChargeQueryDto): Promise<IPage<ICharge>> {
    const visible = this.access.visibleProjectIds(principal, Permission.ChargeView);
    const projectIds = query.projectId ? visible.filter((p) => p === query.projectId) : visible;
    const { page, pageSize, skip } = pageWindow(query);
    if (!projectIds.length) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.store.db.getRepository(Charge).findAndCount({
      where: {
        projectId: In(projectIds),
        ...(query.status ? { status: query.status } : {}),
        ...(query.confirmation ? { confirmation: query.confirmation } : {}),
      },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.store.views(rows), total, page, pageSize };
  }

  async mine(principal: Principal, query: IPageQuery = {}): Promise<IPage<ICharge>> {
    const { page, pageSize, skip } = pageWindow(query);
    const houseIds = principal.kind === UserKind.Resident ? await this.store.approvedHouseIds(principal.userId) : [];
    if (!houseIds.length) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.store.db
      .getRepository(Charge)
      .findAndCount({ where: { houseId: In(houseIds) }, order: { id: 'DESC' }, skip, take: pageSize });
    return { items: await this.store.views(rows), total, page, pageSize };
  }
}
