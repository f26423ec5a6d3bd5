import { HttpStatus } from '@nestjs/common';
import { ChargeConfirmation, ErrorCode, IQuoteLine, QuoteLineKind, formatFen, lineAmountFen } from '@app/shared';
import { DomainException } from '../../common/domain.exception';

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

export /** Σ lines, after checking every line was priced by the shared calculator (call-out fees are flat). */
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

export interface TicketChargeRow {
  id: number;
  ticket_id: number;
  confirmation: ChargeConfirmation;
}

export function ticketCharges(rows: readonly TicketChargeRow[]): {
  unconfirmedTicketIds: number[];
  confirmations: Map<number, ChargeConfirmation>;
} {
  const confirmations = new Map<number, ChargeConfirmation>();
  const unconfirmedTicketIds: number[] = [];
  for (const r of rows) {
    confirmations.set(Number(r.id), r.confirmation);
    if (r.confirmation === ChargeConfirmation.Unconfirmed) unconfirmedTicketIds.push(Number(r.ticket_id));
  }
  return { unconfirmedTicketIds, confirmations };
}
