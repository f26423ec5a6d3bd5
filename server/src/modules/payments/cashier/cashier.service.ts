import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ErrorCode,
  OFFLINE_TENDER_METHODS,
  PaymentStatus,
  PayTargetKind,
  Permission,
  allocateTenders,
  formatFen,
  type IBinding,
  type ICashierPaymentResult,
  type IPayableItem,
  type IPayables,
  type IPayment,
} from '@app/shared';
import { DomainException } from '../../../common/domain.exception';
import type { Principal } from '../../../common/principal';
import { now } from '../../../common/time';
import { runInTransaction } from '../../../database/transactions';
import { BindingsService } from '../../bindings/bindings.service';
import { AccessService } from '../../identity/access.service';
import { PropertyDirectory } from '../../property/property-directory.service';
import { PaymentViews } from '../payment-views';
import { Payment, Receipt } from '../payments.entity';
import { PaymentsService, type AllocationInput } from '../payments.service';
import { isUniqueViolation } from '../../../database/errors';
import { CashierCollection } from './cashier-collection.entity';
import type { CashierPaymentDto, CashierTenderDto } from './cashier.dto';
import { MicropayDesk, type MicropayPaid } from './micropay-desk';

interface HouseAtDesk {
  id: number;
  projectId: number;
  companyId: number;
  label: string;
}

/** A tender with the slices it pays, fixed before anything is written. */
interface PlannedTender {
  tender: CashierTenderDto;
  allocations: AllocationInput[];
}

/**
 * The cashier desk (docs/payments.md "Cashier desk"): one submit = one receipt with one payment per tender.
 * Offline tenders (cash, transfer, POS) wait for a second person; 付款码 is confirmed when WeChat Pay says
 * SUCCESS. The idempotency key is claimed first, so the same submit twice answers the same receipt.
 */
@Injectable()
export class CashierService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly payments: PaymentsService,
    private readonly views: PaymentViews,
    private readonly bindings: BindingsService,
    private readonly micropay: MicropayDesk,
  ) {}

  /** A house of a project the caller works in with `permission`; anything else is 404 (ids cannot be probed). */
  async houseAtDesk(principal: Principal, houseId: number, permission: Permission): Promise<HouseAtDesk> {
    const labels = await this.property.houseLabels([houseId]);
    const house = labels.get(houseId);
    if (!house || !this.access.canActOnProject(principal, house.projectId, permission))
      throw DomainException.notFound('房屋');
    const project = await this.property.project(house.projectId);
    if (!project) throw DomainException.notFound('房屋');
    return { id: house.id, projectId: house.projectId, companyId: project.companyId, label: house.label };
  }

  async payables(principal: Principal, houseId: number): Promise<IPayables> {
    await this.houseAtDesk(principal, houseId, Permission.PaymentCollect);
    return this.payments.payablesOfHouse(houseId);
  }

  lookupHouses(principal: Principal, projectId: number, phone: string): Promise<IBinding[]> {
    return this.bindings.lookupCaller(principal, { projectId, phone }, Permission.PaymentCollect);
  }

  async collect(principal: Principal, dto: CashierPaymentDto, clientIp = '127.0.0.1'): Promise<ICashierPaymentResult> {
    const house = await this.houseAtDesk(principal, dto.houseId, Permission.PaymentCollect);
    const replay = await this.answered(principal.userId, dto.idempotencyKey);
    if (replay) return replay;
    this.checkTenders(dto);
    const prepaid = dto.tenders.find((t) => t.method === 'prepaid');

    // Plan before charging a 付款码, so WeChat is only asked for an amount that fits the items.
    const planned = this.plan(await this.itemsOf(house.id, dto, this.db.manager), dto);
    // The balance is checked before a 付款码 is charged, so a short account never leaves money stranded at WeChat;
    // the conditional debit inside the transaction is what actually decides.
    if (prepaid) await this.assertPrepayCovers(house.id, prepaid.amountFen);
    const micro = dto.tenders.find((t) => t.method === 'wechat_micropay');
    let paid: MicropayPaid | null = null;
    if (micro) {
      const outTradeNo = micropayOutTradeNo(principal.userId, dto.idempotencyKey);
      paid = await this.micropay.charge(
        {
          outTradeNo,
          amountFen: micro.amountFen,
          authCode: micro.authCode!,
          description: `${house.label} 物业缴费`,
          clientIp,
        },
        deskOf(house, principal.userId),
      );
    }

    try {
      const receiptId = await runInTransaction(this.db, async (tx) => {
        await tx.getRepository(CashierCollection).insert({
          companyId: house.companyId,
          projectId: house.projectId,
          houseId: house.id,
          collectedBy: principal.userId,
          idempotencyKey: dto.idempotencyKey,
          receiptId: null,
          micropayOutTradeNo: paid?.outTradeNo ?? null,
          createdAt: now(),
        });
        // The items again inside the transaction: a payment approved meanwhile changes the balances.
        const fresh = this.plan(await this.itemsOf(house.id, dto, tx), dto);
        if (JSON.stringify(fresh) !== JSON.stringify(planned)) {
          throw new DomainException(ErrorCode.StateConflict, '待缴项目已变化，请刷新后重新收款', HttpStatus.CONFLICT, {
            current: await this.payments.payablesOfHouse(house.id, tx),
          });
        }
        const receipt = await this.payments.openReceipt(tx, {
          companyId: house.companyId,
          projectId: house.projectId,
          houseId: house.id,
          issuedBy: principal.userId,
        });
        for (const { tender, allocations } of fresh) {
          const offline = OFFLINE_TENDER_METHODS.includes(tender.method);
          const paymentId = await this.payments.recordPayment(tx, {
            companyId: house.companyId,
            projectId: house.projectId,
            houseId: house.id,
            receiptId: receipt.id,
            method: tender.method,
            amountFen: tender.amountFen,
            allocations,
            status: offline ? PaymentStatus.PendingApproval : PaymentStatus.Confirmed,
            reference: tender.method === 'wechat_micropay' ? paid!.transactionId : tender.reference || null,
            collectedBy: principal.userId,
          });
          if (tender.method === 'prepaid') {
            // No cash changes hands, so no second person: the account's conditional debit is the check (409 when short).
            const billId = allocations.find((a) => a.kind === PayTargetKind.Bill)?.targetId ?? null;
            await this.payments.spendPrepay(tx, {
              houseId: house.id,
              amountFen: tender.amountFen,
              paymentId,
              billId,
              note: `收银台预存抵扣（收据 ${receipt.number}）`,
              actorId: principal.userId,
            });
          }
        }
        await tx
          .getRepository(CashierCollection)
          .update({ collectedBy: principal.userId, idempotencyKey: dto.idempotencyKey }, { receiptId: receipt.id });
        return receipt.id;
      });
      return await this.result(receiptId);
    } catch (error) {
      // The same key raced in from a second tab or a retry: answer what the first one wrote.
      if (isUniqueViolation(error)) {
        const first = await this.answered(principal.userId, dto.idempotencyKey);
        if (first) return first;
        throw DomainException.conflict('同一笔收款正在处理中，请稍后刷新查看', { idempotencyKey: dto.idempotencyKey });
      }
      // WeChat took the 付款码 but nothing was written (items changed, 预存 short…): give the money back.
      if (paid && micro) {
        const reversed = await this.micropay.reverseUnrecorded(
          { outTradeNo: paid.outTradeNo, amountFen: micro.amountFen },
          deskOf(house, principal.userId),
        );
        if (reversed && error instanceof DomainException)
          throw new DomainException(
            error.code,
            `${(error.getResponse() as { message: string }).message}（付款码交易已撤销，款项退回住户）`,
            error.getStatus(),
            error.details,
          );
      }
      throw error;
    }
  }

  async pendingApprovals(principal: Principal, projectId: number): Promise<IPayment[]> {
    this.access.assertProject(principal, projectId, Permission.PaymentView);
    const rows = await this.db.getRepository(Payment).find({
      where: { projectId, status: PaymentStatus.PendingApproval },
      order: { paidAt: 'ASC', id: 'ASC' },
      take: 500,
    });
    return this.views.payments(rows);
  }

  /** The second person's decision; the collector's own payment is refused (403) by the payments core. */
  async decide(principal: Principal, paymentId: number, approve: boolean, reason?: string): Promise<IPayment> {
    const payment = await this.db.getRepository(Payment).findOneBy({ id: paymentId });
    if (!payment || !this.access.canActOnProject(principal, payment.projectId, Permission.PaymentView))
      throw DomainException.notFound('收款记录');
    this.access.assertProject(principal, payment.projectId, Permission.PaymentApprove);
    if (payment.collectedBy === principal.userId)
      throw DomainException.forbidden('收款人不能复核自己的收款，请由另一位有复核权限的同事处理');
    await runInTransaction(this.db, (tx) =>
      this.payments.decidePending(tx, paymentId, principal.userId, approve, reason ?? null),
    );
    const [view] = await this.views.payments([await this.db.getRepository(Payment).findOneByOrFail({ id: paymentId })]);
    return view;
  }

  private async answered(collectedBy: number, idempotencyKey: string): Promise<ICashierPaymentResult | null> {
    const row = await this.db.getRepository(CashierCollection).findOneBy({ collectedBy, idempotencyKey });
    return row?.receiptId ? this.result(row.receiptId) : null;
  }

  private async result(receiptId: number): Promise<ICashierPaymentResult> {
    const receipt = await this.db.getRepository(Receipt).findOneByOrFail({ id: receiptId });
    const rows = await this.db.getRepository(Payment).find({ where: { receiptId }, order: { id: 'ASC' } });
    const payments = await this.views.payments(rows);
    return {
      receipt: await this.views.receipt(receipt),
      payments,
      pendingApproval: rows.some((p) => p.status === PaymentStatus.PendingApproval),
    };
  }

  private checkTenders(dto: CashierPaymentDto): void {
    dto.tenders.forEach((t, i) => {
      if (t.method === 'prepaid' && !this.payments.canSpendPrepay)
        throw DomainException.validation(`tenders.${i}.method`, '预存抵扣暂未开通，请选择其他收款方式');
      if (t.method === 'wechat_micropay' && !t.authCode)
        throw DomainException.validation(`tenders.${i}.authCode`, '请扫描住户的微信付款码');
      if ((t.method === 'transfer' || t.method === 'pos') && !t.reference) {
        throw DomainException.validation(
          `tenders.${i}.reference`,
          t.method === 'transfer' ? '银行转账请填写转账流水号' : 'POS刷卡请填写凭证号',
        );
      }
    });
    if (dto.tenders.filter((t) => t.method === 'wechat_micropay').length > 1)
      throw DomainException.validation('tenders', '一次收款只能使用一个付款码');
    if (dto.tenders.filter((t) => t.method === 'prepaid').length > 1)
      throw DomainException.validation('tenders', '一次收款只能有一笔预存抵扣');
  }

  private async assertPrepayCovers(houseId: number, amountFen: number): Promise<void> {
    const balanceFen = await this.payments.prepayBalanceOf(houseId);
    if (balanceFen < amountFen) {
      throw new DomainException(
        ErrorCode.StateConflict,
        `预存余额不足（当前余额 ${formatFen(balanceFen)}）`,
        HttpStatus.CONFLICT,
        { balanceFen },
      );
    }
  }

  private itemsOf(houseId: number, dto: CashierPaymentDto, tx: EntityManager): Promise<IPayableItem[]> {
    return dto.targets?.length
      ? this.payments.targetItems(houseId, dto.targets, tx)
      : this.payments.payablesOfHouse(houseId, tx).then((p) => p.items);
  }

  /** Tenders in the order given, each oldest first onto what the earlier ones left; the rest only into 预存 when asked. */
  private plan(items: IPayableItem[], dto: CashierPaymentDto): PlannedTender[] {
    const open = items.filter((i) => i.balanceFen > 0);
    if (!open.length && !dto.topupFen) throw DomainException.conflict('该房屋没有待缴项目', { items: [] });
    const dueFen = open.reduce((s, i) => s + i.balanceFen, 0);
    const totalFen = dto.tenders.reduce((s, t) => s + t.amountFen, 0);
    const leftover = totalFen - Math.min(totalFen, dueFen);
    if (leftover !== (dto.topupFen ?? 0)) {
      if (!dto.topupFen)
        throw DomainException.validation(
          'tenders',
          `收款合计 ${formatFen(totalFen)} 超过应收 ${formatFen(dueFen)}，请核对金额`,
        );
      throw DomainException.validation('topupFen', `存入预存金额应为收款合计超出应收的部分（${formatFen(leftover)}）`);
    }
    return allocateTenders(open, dto.tenders).map((a, i) => {
      const allocations: AllocationInput[] = a.allocations.map((s) => ({
        kind: s.item.kind === 'bill' ? PayTargetKind.Bill : PayTargetKind.Charge,
        targetId: s.item.id,
        amountFen: s.amountFen,
        title: s.item.title,
      }));
      // Money from the account cannot go back into it: 预存抵扣 only pays open items.
      if (a.unallocatedFen && dto.tenders[i].method === 'prepaid')
        throw DomainException.validation(`tenders.${i}.amountFen`, '预存抵扣金额不能超过待缴金额');
      if (a.unallocatedFen)
        allocations.push({
          kind: PayTargetKind.PrepayTopup,
          targetId: dto.houseId,
          amountFen: a.unallocatedFen,
          title: '预存充值',
        });
      return { tender: dto.tenders[i], allocations };
    });
  }
}

const deskOf = (house: HouseAtDesk, collectedBy: number) => ({
  companyId: house.companyId,
  projectId: house.projectId,
  houseId: house.id,
  collectedBy,
});

/** The 付款码 order of a collection: the same on every retry of the same key, so WeChat never charges twice. */
export function micropayOutTradeNo(collectedBy: number, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${collectedBy}:${idempotencyKey}`).digest('hex').slice(0, 24);
  return `CD${collectedBy.toString(36)}${digest}`.slice(0, 32);
}
