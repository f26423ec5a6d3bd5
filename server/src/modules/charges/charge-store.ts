import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ChargeStatus, ErrorCode, ICharge, UserKind, Permission } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AccessService } from '../identity/access.service';
import { BindingDirectory } from '../bindings/binding-directory.service';
import { MoneyRules, PropertyDirectory } from '../property/property-directory.service';
import { Charge, ChargeLine } from './charge.entity';
import { toChargeView } from './charge.view';
import { runInTransaction } from '../../database/transactions';

export type { MoneyRules };

/**
 * Whose job a ticket is, answered by the tickets module (which registers it at start): tickets depends on
 * charges, so charges may not import tickets or read its table.
 */
export interface TicketTechnicianLookup {
  technicianOf(ticketId: number): Promise<number | null>;
}

/** Persistence and access helpers the charge use cases share; every rule lives in the services. */
@Injectable()
export class ChargeStore {
  constructor(
    @InjectDataSource() readonly db: DataSource,
    private readonly access: AccessService,
    private readonly property: PropertyDirectory,
    private readonly residents: BindingDirectory,
  ) {}

  private ticketLookup: TicketTechnicianLookup | null = null;

  useTicketLookup(lookup: TicketTechnicianLookup): void {
    this.ticketLookup = lookup;
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  async rules(companyId: number, tx: EntityManager = this.db.manager): Promise<MoneyRules> {
    return this.property.moneyRules(companyId, tx);
  }

  async find(id: number, tx: EntityManager = this.db.manager): Promise<Charge> {
    const charge = await tx.getRepository(Charge).findOneBy({ id });
    if (!charge) throw DomainException.notFound('费用');
    return charge;
  }

  /** Staff holding `permission` over the charge's project; anyone else is told it does not exist. */
  async findForStaff(principal: Principal, id: number, permission?: Permission): Promise<Charge> {
    const charge = await this.find(id);
    this.access.assertProject(principal, charge.projectId, permission, '费用');
    return charge;
  }

  /**
   * Office roles of the project see its charges; a technician only charges of jobs assigned to them
   * or cash they collected (a technician sees nobody else's money).
   */
  async findForStaffOrTechnician(principal: Principal, id: number): Promise<Charge> {
    const charge = await this.find(id);
    if (this.access.canActOnProject(principal, charge.projectId, Permission.ChargeView)) return charge;
    if (
      this.access.canActOnProject(principal, charge.projectId, Permission.JobWork) &&
      (await this.isTechniciansJob(principal.userId, charge))
    )
      return charge;
    throw DomainException.notFound('费用');
  }

  async isTechniciansJob(userId: number, charge: Charge): Promise<boolean> {
    if (charge.cashCollectedBy === userId) return true;
    if (charge.ticketId === null) return false;
    return (await this.ticketLookup?.technicianOf(charge.ticketId)) === userId;
  }

  /** A resident with an approved binding on the charge's house. */
  async findForResident(principal: Principal, id: number): Promise<Charge> {
    const charge = await this.find(id);
    if (!(await this.residentOf(principal, charge.houseId))) throw DomainException.notFound('费用');
    return charge;
  }

  async residentOf(principal: Principal, houseId: number | null): Promise<boolean> {
    if (principal.kind !== UserKind.Resident || houseId === null) return false;
    return this.residents.isApprovedResident(principal.userId, houseId);
  }

  async approvedHouseIds(userId: number): Promise<number[]> {
    return [...new Set(await this.residents.approvedHouseIds(userId))];
  }

  /**
   * The one way a charge changes state: a conditional UPDATE on status and version. Zero rows means
   * someone else got there first, reported as 409 with the charge as it is now.
   */
  async transition(tx: EntityManager, charge: Charge, from: ChargeStatus, set: Partial<Charge>): Promise<void> {
    const result = await tx
      .createQueryBuilder()
      .update(Charge)
      .set({ ...set, version: () => 'version + 1', updatedAt: now() })
      .where('id = :id AND status = :from AND version = :version', { id: charge.id, from, version: charge.version })
      .execute();
    if (result.affected !== 1) throw await this.stateConflict(charge.id, tx);
  }

  async stateConflict(
    id: number,
    tx: EntityManager = this.db.manager,
    message = '费用状态已变化，请刷新后重试',
  ): Promise<DomainException> {
    const current = await tx.getRepository(Charge).findOneBy({ id });
    return new DomainException(ErrorCode.StateConflict, message, HttpStatus.CONFLICT, {
      current: current ? (await this.views([current], tx))[0] : null,
    });
  }

  async view(id: number, tx: EntityManager = this.db.manager): Promise<ICharge> {
    return (await this.views([await this.find(id, tx)], tx))[0];
  }

  async views(charges: Charge[], tx: EntityManager = this.db.manager): Promise<ICharge[]> {
    if (!charges.length) return [];
    const ids = charges.map((c) => c.id);
    const lines = await tx
      .getRepository(ChargeLine)
      .find({ where: { chargeId: In(ids) }, order: { chargeId: 'ASC', sortOrder: 'ASC', id: 'ASC' } });
    const labels = await this.houseLabels(
      charges.map((c) => c.houseId),
      tx,
    );
    return charges.map((c) =>
      toChargeView(
        c,
        lines.filter((l) => l.chargeId === c.id),
        c.houseId === null ? null : (labels.get(c.houseId) ?? null),
      ),
    );
  }

  async houseLabels(houseIds: (number | null)[], tx: EntityManager = this.db.manager): Promise<Map<number, string>> {
    const labels = await this.property.houseLabels(houseIds, tx);
    return new Map([...labels].map(([id, h]) => [id, h.label]));
  }
}
