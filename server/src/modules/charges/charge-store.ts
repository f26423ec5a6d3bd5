import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BindingStatus, ChargeStatus, ErrorCode, ICharge, Permission, UserKind, houseLabel } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AccessService } from '../identity/access.service';
import { HouseBinding } from '../bindings/house-binding.entity';
import { Building, House, Unit } from '../property/building.entity';
import { CompanySettings, DEFAULT_CASH_LIMIT_FEN, DEFAULT_WAIVER_MONTHLY_CAP_FEN } from '../property/company-settings.entity';
import { Charge, ChargeLine } from './charge.entity';
import { toChargeView } from './charge.view';
import { runInTransaction } from '../../database/transactions';

export interface MoneyRules {
  cashLimitFen: number;
  waiverMonthlyCapFen: number;
}

/** Persistence and access helpers the charge use cases share; every rule lives in the services. */
@Injectable()
export class ChargeStore {
  constructor(
    @InjectDataSource() readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  async rules(companyId: number, tx: EntityManager = this.db.manager): Promise<MoneyRules> {
    const row = await tx.getRepository(CompanySettings).findOneBy({ companyId });
    return {
      cashLimitFen: row?.cashLimitFen ?? DEFAULT_CASH_LIMIT_FEN,
      waiverMonthlyCapFen: row?.waiverMonthlyCapFen ?? DEFAULT_WAIVER_MONTHLY_CAP_FEN,
    };
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
    if (this.access.canActOnProject(principal, charge.projectId, Permission.JobWork) && (await this.isTechniciansJob(principal.userId, charge))) return charge;
    throw DomainException.notFound('费用');
  }

  async isTechniciansJob(userId: number, charge: Charge): Promise<boolean> {
    if (charge.cashCollectedBy === userId) return true;
    if (charge.ticketId === null) return false;
    const rows = await this.db.query('SELECT technician_id FROM tickets WHERE id = ?', [charge.ticketId]);
    return rows.length > 0 && Number(rows[0].technician_id) === userId;
  }

  /** A resident with an approved binding on the charge's house. */
  async findForResident(principal: Principal, id: number): Promise<Charge> {
    const charge = await this.find(id);
    if (!(await this.residentOf(principal, charge.houseId))) throw DomainException.notFound('费用');
    return charge;
  }

  async residentOf(principal: Principal, houseId: number | null): Promise<boolean> {
    if (principal.kind !== UserKind.Resident || houseId === null) return false;
    return this.db.getRepository(HouseBinding).existsBy({ userId: principal.userId, houseId, status: BindingStatus.Approved });
  }

  async approvedHouseIds(userId: number): Promise<number[]> {
    const rows = await this.db.getRepository(HouseBinding).find({ select: { houseId: true }, where: { userId, status: BindingStatus.Approved } });
    return [...new Set(rows.map((r) => r.houseId))];
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

  async stateConflict(id: number, tx: EntityManager = this.db.manager, message = '费用状态已变化，请刷新后重试'): Promise<DomainException> {
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
    const lines = await tx.getRepository(ChargeLine).find({ where: { chargeId: In(ids) }, order: { chargeId: 'ASC', sortOrder: 'ASC', id: 'ASC' } });
    const labels = await this.houseLabels(charges.map((c) => c.houseId), tx);
    return charges.map((c) => toChargeView(c, lines.filter((l) => l.chargeId === c.id), c.houseId === null ? null : labels.get(c.houseId) ?? null));
  }

  async houseLabels(houseIds: (number | null)[], tx: EntityManager = this.db.manager): Promise<Map<number, string>> {
    const ids = [...new Set(houseIds.filter((id): id is number => id !== null))];
    if (!ids.length) return new Map();
    const rows = await tx
      .createQueryBuilder(House, 'h')
      .innerJoin(Building, 'b', 'b.id = h.building_id')
      .innerJoin(Unit, 'u', 'u.id = h.unit_id')
      .select(['h.id AS id', 'b.name AS building', 'u.name AS unit', 'h.room_no AS room_no'])
      .where('h.id IN (:...ids)', { ids })
      .getRawMany<{ id: number | string; building: string; unit: string; room_no: string }>();
    return new Map(rows.map((r) => [Number(r.id), houseLabel(r.building, r.unit, r.room_no)]));
  }
}
