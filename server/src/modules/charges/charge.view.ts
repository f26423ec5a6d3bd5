import type { ICharge, IChargeLine } from '@app/shared';
import type { Charge, ChargeLine } from './charge.entity';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toChargeLineView(line: ChargeLine): IChargeLine {
  return {
    id: line.id,
    kind: line.kind,
    code: line.code,
    name: line.name,
    unit: line.unit,
    unitPriceFen: line.unitPriceFen,
    quantityMilli: line.quantityMilli,
    amountFen: line.amountFen,
    scheduleVersionId: line.scheduleVersionId,
    materialsVersionId: line.materialsVersionId,
  };
}

export function toChargeView(c: Charge, lines: ChargeLine[], houseLabel: string | null): ICharge {
  return {
    id: c.id,
    source: c.source,
    projectId: c.projectId,
    houseId: c.houseId,
    houseLabel,
    ticketId: c.ticketId,
    ticketSerial: c.ticketSerial,
    agreementRef: c.agreementRef,
    totalFen: c.totalFen,
    paymentMethod: c.paymentMethod,
    status: c.status,
    confirmation: c.confirmation,
    confirmedVia: c.confirmedVia,
    confirmedBy: c.confirmedBy,
    confirmedAt: iso(c.confirmedAt),
    confirmationNote: c.confirmationNote,
    lines: lines.map(toChargeLineView),
    cashCollectedBy: c.cashCollectedBy,
    cashCollectedAt: iso(c.cashCollectedAt),
    residentConfirmedAt: iso(c.residentConfirmedAt),
    handedOverAt: iso(c.handedOverAt),
    waivedBy: c.waivedBy,
    waiverReason: c.waiverReason,
    paidAt: iso(c.paidAt),
    createdAt: c.createdAt.toISOString(),
  };
}
