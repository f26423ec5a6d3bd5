import { Injectable } from '@nestjs/common';
import { ChargeConfirmation, ChargeConfirmedVia, ICharge, Permission } from '@app/shared';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { Charge } from './charge.entity';
import { ChargeStore } from './charge-store';

/** A charge signed on the technician's phone becomes billable once the resident stands behind it (docs/domain.md §4). */
@Injectable()
export class ChargeConfirmationService {
  constructor(
    private readonly store: ChargeStore,
    private readonly audit: AuditService,
  ) {}

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
    if (charge.confirmation === ChargeConfirmation.Confirmed)
      throw await this.store.stateConflict(id, undefined, '该费用已确认，无需再记录电话确认');
    await this.markConfirmed(principal, charge, ChargeConfirmedVia.PhoneByCustomerManager, note);
    return this.store.view(id);
  }

  /** Conditional on the charge still being unconfirmed, so two confirmations cannot both be recorded. */
  private async markConfirmed(
    principal: Principal,
    charge: Charge,
    via: ChargeConfirmedVia,
    note: string | null,
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      const at = now();
      const result = await tx
        .createQueryBuilder()
        .update(Charge)
        .set({
          confirmation: ChargeConfirmation.Confirmed,
          confirmedVia: via,
          confirmedBy: principal.userId,
          confirmedAt: at,
          confirmationNote: note,
          version: () => 'version + 1',
          updatedAt: at,
        })
        .where('id = :id AND confirmation = :unconfirmed', {
          id: charge.id,
          unconfirmed: ChargeConfirmation.Unconfirmed,
        })
        .execute();
      if (result.affected !== 1) throw await this.store.stateConflict(charge.id, tx, '该费用已确认，无需重复确认');
      await this.audit.record(tx, {
        actorId: principal.userId,
        action: 'charge.confirm',
        entityType: 'charge',
        entityId: charge.id,
        companyId: charge.companyId,
        projectId: charge.projectId,
        reason: note,
        before: { confirmation: ChargeConfirmation.Unconfirmed },
        after: { confirmation: ChargeConfirmation.Confirmed, confirmedVia: via, totalFen: charge.totalFen },
      });
    });
  }
}
