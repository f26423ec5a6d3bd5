import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  ChargeConfirmation, ChargeConfirmedVia, ChargeSource, ChargeStatus, ErrorCode, ICharge, IPage, IPageQuery, IQuoteLine, PaymentMethod, Permission, QuoteLineKind,
  UserKind, formatFen, lineAmountFen,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../../database/errors';
import { placeholders } from '../../database/raw-rows';
import { PropertyDirectory } from '../property/property-directory.service';
import { Charge, ChargeLine } from './charge.entity';
import { ChargeStore, TicketTechnicianLookup } from './charge-store';
import { ChargeQueryDto } from './dto/charges.dto';

export interface PostedLine extends IQuoteLine {
  scheduleVersionId?: number | null;
  materialsVersionId?: number | null;
}

export interface PostTicketChargeInput {
  ticketId: number;
  ticketSerial: string;
  projectId: number;
  houseId: number;
  agreementRef: string;
  lines: PostedLine[];
  actorId: number;
  /**
   * A signature behind the charge (quote, decline or acceptance) was collected on the technician's phone:
   * the charge waits for the resident's own confirmation before it can be billed or collected.
   */
  unconfirmed?: boolean;
}

const LINE_KINDS: readonly QuoteLineKind[] = ['labour', 'call_out', 'material'];

/** Money may not move on a charge the resident has not stood behind (docs/domain.md §4, staff-device signatures). */
export function chargeUnconfirmed(what: string): DomainException {
  return new DomainException(
    ErrorCode.ChargeUnconfirmed,
    `该费用的签字在师傅手机上完成，尚未经业主确认：须业主在小程序确认或客户经理记录电话确认后才能${what}`,
    HttpStatus.CONFLICT,
    { confirmation: ChargeConfirmation.Unconfirmed },
  );
}

export function cashLimitExceeded(totalFen: number, cashLimitFen: number): DomainException {
  return new DomainException(
    ErrorCode.CashLimitExceeded,
    `现场现金仅限 ${formatFen(cashLimitFen)} 以内，本笔 ${formatFen(totalFen)} 请选择计入月度账单或在线支付`,
    HttpStatus.UNPROCESSABLE_ENTITY,
    { cashLimitFen, totalFen },
  );
}

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
      throw new DomainException(ErrorCode.AgreementRequired, '住户尚未确认报价，不能生成费用', HttpStatus.UNPROCESSABLE_ENTITY, {
        fields: [{ field: 'agreementRef', message: '缺少住户确认报价的记录' }],
      });
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
      const id = await this.insertCharge(m, {
        companyId: project.companyId, projectId: project.id, houseId: house.id, source: ChargeSource.Ticket, sourceKey,
        ticketId: input.ticketId, ticketSerial: input.ticketSerial, agreementRef, totalFen,
        paymentMethod: PaymentMethod.Bill, status: ChargeStatus.Open, createdBy: input.actorId, createdAt: at, updatedAt: at,
        ...(input.unconfirmed
          ? { confirmation: ChargeConfirmation.Unconfirmed, confirmedVia: null, confirmedAt: null }
          : { confirmation: ChargeConfirmation.Confirmed, confirmedVia: ChargeConfirmedVia.ResidentSignature, confirmedAt: at }),
      }, input.lines);
      await this.audit.record(m, {
        actorId: input.actorId, action: 'charge.post', entityType: 'charge', entityId: id, companyId: project.companyId,
        projectId: project.id,
        after: {
          ticketId: input.ticketId, ticketSerial: input.ticketSerial, agreementRef, totalFen, lines: input.lines,
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
   * The ticket charges of these houses in one statement: which tickets' charge still waits for the resident's
   * confirmation (their 待我处理) and each charge's confirmation state (shown next to the charge).
   */
  async ticketChargesOfHouses(houseIds: readonly number[]): Promise<{ unconfirmedTicketIds: number[]; confirmations: Map<number, ChargeConfirmation> }> {
    const confirmations = new Map<number, ChargeConfirmation>();
    if (!houseIds.length) return { unconfirmedTicketIds: [], confirmations };
    const rows: { id: number; ticket_id: number; confirmation: ChargeConfirmation }[] = await this.store.db.query(
      `SELECT id, ticket_id, confirmation FROM charges WHERE house_id IN (${placeholders(houseIds.length)}) AND ticket_id IS NOT NULL`,
      [...houseIds],
    );
    const unconfirmedTicketIds: number[] = [];
    for (const r of rows) {
      confirmations.set(Number(r.id), r.confirmation);
      if (r.confirmation === ChargeConfirmation.Unconfirmed) unconfirmedTicketIds.push(Number(r.ticket_id));
    }
    return { unconfirmedTicketIds, confirmations };
  }

  /** Confirmation state of each charge id (tickets show it next to the charge). */
  async confirmations(ids: readonly number[]): Promise<Map<number, ChargeConfirmation>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const rows: { id: number; confirmation: ChargeConfirmation }[] = await this.store.db.query(
      `SELECT id, confirmation FROM charges WHERE id IN (${placeholders(wanted.length)})`, wanted,
    );
    return new Map(rows.map((c) => [Number(c.id), c.confirmation]));
  }

  async insertCharge(tx: EntityManager, row: Partial<Charge>, lines: PostedLine[]): Promise<number> {
    const id = Number((await tx.getRepository(Charge).insert({ version: 1, ...row })).identifiers[0].id);
    await tx.getRepository(ChargeLine).insert(
      lines.map((l, i) => ({
        chargeId: id, kind: l.kind, code: l.code, name: l.name, unit: l.unit, unitPriceFen: l.unitPriceFen,
        quantityMilli: l.quantityMilli, amountFen: l.amountFen, scheduleVersionId: l.scheduleVersionId ?? null,
        materialsVersionId: l.materialsVersionId ?? null, sortOrder: i,
      })),
    );
    return id;
  }

  /** The resident confirms, on their own account, a charge signed on the technician's phone. Repeating it changes nothing. */
  async confirmByResident(principal: Principal, id: number): Promise<ICharge> {
    const charge = await this.store.findForResident(principal, id);
    if (charge.confirmation === ChargeConfirmation.Confirmed) return this.store.view(id);
    await this.markConfirmed(principal, charge, ChargeConfirmedVia.ResidentApp, null);
    return this.store.view(id);
  }

  /** The customer manager records that the resident confirmed the charge on the phone (usually at the return visit). */
  async confirmByPhone(principal: Principal, id: number, note: string): Promise<ICharge> {
    const charge = await this.store.findForStaff(principal, id, Permission.ChargePhoneConfirm);
    if (charge.confirmation === ChargeConfirmation.Confirmed) throw await this.store.stateConflict(id, undefined, '该费用已确认，无需再记录电话确认');
    await this.markConfirmed(principal, charge, ChargeConfirmedVia.PhoneByCustomerManager, note);
    return this.store.view(id);
  }

  /** Conditional on the charge still being unconfirmed, so two confirmations cannot both be recorded. */
  private async markConfirmed(principal: Principal, charge: Charge, via: ChargeConfirmedVia, note: string | null): Promise<void> {
    await this.store.transaction(async (tx) => {
      const at = now();
      const result = await tx
        .createQueryBuilder()
        .update(Charge)
        .set({
          confirmation: ChargeConfirmation.Confirmed, confirmedVia: via, confirmedBy: principal.userId, confirmedAt: at, confirmationNote: note,
          version: () => 'version + 1', updatedAt: at,
        })
        .where('id = :id AND confirmation = :unconfirmed', { id: charge.id, unconfirmed: ChargeConfirmation.Unconfirmed })
        .execute();
      if (result.affected !== 1) throw await this.store.stateConflict(charge.id, tx, '该费用已确认，无需重复确认');
      await this.audit.record(tx, {
        actorId: principal.userId, action: 'charge.confirm', entityType: 'charge', entityId: charge.id,
        companyId: charge.companyId, projectId: charge.projectId, reason: note,
        before: { confirmation: ChargeConfirmation.Unconfirmed },
        after: { confirmation: ChargeConfirmation.Confirmed, confirmedVia: via, totalFen: charge.totalFen },
      });
    });
  }

  async setPaymentMethod(principal: Principal, id: number, method: 'bill' | 'pay_now' | 'cash'): Promise<ICharge> {
    const charge = await this.store.findForResident(principal, id);
    if (charge.confirmation !== ChargeConfirmation.Confirmed) throw chargeUnconfirmed('选择支付方式（请先确认费用）');
    if (charge.status !== ChargeStatus.Open) throw await this.store.stateConflict(id, undefined, '该费用已结算，不能再更改支付方式');
    if (method === PaymentMethod.Cash) {
      const { cashLimitFen } = await this.store.rules(charge.companyId);
      if (charge.totalFen > cashLimitFen) throw cashLimitExceeded(charge.totalFen, cashLimitFen);
    }
    await this.store.transaction(async (tx) => {
      await this.store.transition(tx, charge, ChargeStatus.Open, { paymentMethod: method });
      await this.audit.record(tx, {
        actorId: principal.userId, action: 'charge.payment_method', entityType: 'charge', entityId: charge.id,
        companyId: charge.companyId, projectId: charge.projectId, before: { paymentMethod: charge.paymentMethod }, after: { paymentMethod: method },
      });
    });
    return this.store.view(id);
  }

  async get(principal: Principal, id: number): Promise<ICharge> {
    const charge = principal.kind === UserKind.Resident
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
        projectId: In(projectIds), ...(query.status ? { status: query.status } : {}), ...(query.confirmation ? { confirmation: query.confirmation } : {}),
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
    const [rows, total] = await this.store.db.getRepository(Charge).findAndCount({ where: { houseId: In(houseIds) }, order: { id: 'DESC' }, skip, take: pageSize });
    return { items: await this.store.views(rows), total, page, pageSize };
  }
}

/** Σ lines, after checking every line was priced by the shared calculator (call-out fees are flat). */
function verifiedTotal(lines: PostedLine[]): number {
  if (!Array.isArray(lines) || !lines.length) throw DomainException.validation('lines', '费用至少需要一行收费明细');
  let total = 0;
  lines.forEach((line, i) => {
    const field = `lines[${i}]`;
    if (!LINE_KINDS.includes(line.kind)) throw DomainException.validation(`${field}.kind`, '收费明细类型无效');
    let expected: number;
    try {
      expected = line.kind === 'call_out' ? line.unitPriceFen : lineAmountFen(line.unitPriceFen, line.quantityMilli);
    } catch {
      throw DomainException.validation(`${field}.unitPriceFen`, '单价或数量无效');
    }
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0 || line.amountFen !== expected) {
      throw DomainException.validation(`${field}.amountFen`, `金额与单价×数量不符（应为 ${expected} 分）`);
    }
    total += line.amountFen;
  });
  if (!Number.isSafeInteger(total)) throw DomainException.validation('lines', '金额超出范围');
  return total;
}
