import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  ChargeSource, ChargeStatus, ErrorCode, ICharge, IPage, IQuoteLine, PaymentMethod, QuoteLineKind, UserKind, formatFen, lineAmountFen,
} from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { pageWindow } from '../../common/pagination.dto';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../identity/access.service';
import { isUniqueViolation } from '../identity/auth.service';
import { House } from '../property/building.entity';
import { Project } from '../property/company.entity';
import { Charge, ChargeLine } from './charge.entity';
import { CHARGE_OFFICE_ROLES, ChargeStore } from './charge-store';
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
}

const LINE_KINDS: readonly QuoteLineKind[] = ['labour', 'call_out', 'material'];

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
  ) {}

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

    const project = await reader.getRepository(Project).findOneBy({ id: input.projectId });
    const house = await reader.getRepository(House).findOneBy({ id: input.houseId });
    if (!project || !house || house.projectId !== project.id) throw DomainException.notFound('房屋');

    const write = async (m: EntityManager): Promise<number> => {
      const at = now();
      const id = await this.insertCharge(m, {
        companyId: project.companyId, projectId: project.id, houseId: house.id, source: ChargeSource.Ticket, sourceKey,
        ticketId: input.ticketId, ticketSerial: input.ticketSerial, agreementRef, totalFen,
        paymentMethod: PaymentMethod.Bill, status: ChargeStatus.Open, createdBy: input.actorId, createdAt: at, updatedAt: at,
      }, input.lines);
      await this.audit.record(m, {
        actorId: input.actorId, action: 'charge.post', entityType: 'charge', entityId: id, companyId: project.companyId,
        projectId: project.id, after: { ticketId: input.ticketId, ticketSerial: input.ticketSerial, agreementRef, totalFen, lines: input.lines },
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

  /** Shared by ticket and counter postings: the charge row and its line snapshots. */
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

  async setPaymentMethod(principal: Principal, id: number, method: 'bill' | 'pay_now' | 'cash'): Promise<ICharge> {
    const charge = await this.store.findForResident(principal, id);
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
    const visible = this.access.visibleProjectIds(principal, CHARGE_OFFICE_ROLES);
    const projectIds = query.projectId ? visible.filter((p) => p === query.projectId) : visible;
    const { page, pageSize, skip } = pageWindow(query);
    if (!projectIds.length) return { items: [], total: 0, page, pageSize };
    const [rows, total] = await this.store.db.getRepository(Charge).findAndCount({
      where: { projectId: In(projectIds), ...(query.status ? { status: query.status } : {}) },
      order: { id: 'DESC' },
      skip,
      take: pageSize,
    });
    return { items: await this.store.views(rows), total, page, pageSize };
  }

  async mine(principal: Principal): Promise<ICharge[]> {
    if (principal.kind !== UserKind.Resident) return [];
    const houseIds = await this.store.approvedHouseIds(principal.userId);
    if (!houseIds.length) return [];
    const rows = await this.store.db.getRepository(Charge).find({ where: { houseId: In(houseIds) }, order: { id: 'DESC' }, take: 200 });
    return this.store.views(rows);
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
