import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ITechnicianProfile, Permission, Role, maskPhone } from '@app/shared';
import { DomainException } from '../../common/domain.exception';
import { Principal } from '../../common/principal';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { isUniqueViolation } from '../../database/errors';
import { Building } from './building.entity';
import { UpdateTechnicianDto } from './dto/property.dto';
import { TechnicianBuilding, TechnicianProfile } from './technician.entity';
import { runInTransaction } from '../../database/transactions';

@Injectable()
export class TechniciansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
  ) {}

  async listForProject(principal: Principal, projectId: number): Promise<ITechnicianProfile[]> {
    this.access.assertProject(principal, projectId, Permission.TechnicianView);
    const userIds = await this.technicianIdsInProject(projectId);
    return this.profiles(userIds);
  }

  async mine(principal: Principal): Promise<ITechnicianProfile> {
    const [profile] = await this.profiles([principal.userId]);
    if (!profile) throw DomainException.notFound('师傅档案');
    return profile;
  }

  async update(principal: Principal, userId: number, dto: UpdateTechnicianDto): Promise<ITechnicianProfile> {
    const profile = await this.db.getRepository(TechnicianProfile).findOneBy({ userId });
    if (!profile) throw DomainException.notFound('师傅');
    const projectIds = await this.projectsOfTechnician(userId);
    const editable = projectIds.some((id) => this.access.canActOnProject(principal, id, Permission.TechnicianEdit));
    if (!editable) throw DomainException.notFound('师傅');

    await runInTransaction(this.db, async (tx) => {
      const patch: Partial<TechnicianProfile> = {};
      if (dto.skills !== undefined) patch.skills = [...new Set(dto.skills)];
      if (dto.onDuty !== undefined) patch.onDuty = dto.onDuty;
      if (dto.maxOpenJobs !== undefined) patch.maxOpenJobs = dto.maxOpenJobs;
      if (Object.keys(patch).length) await tx.getRepository(TechnicianProfile).update({ userId }, patch);
      if (dto.buildingIds !== undefined) {
        const wanted = [...new Set(dto.buildingIds)];
        const buildings = wanted.length ? await tx.getRepository(Building).findBy({ id: In(wanted) }) : [];
        const allowed = buildings.filter((b) =>
          this.access.canActOnProject(principal, b.projectId, Permission.TechnicianEdit),
        );
        if (allowed.length !== wanted.length) {
          throw DomainException.validation('buildingIds', '包含不存在或无权管理的楼栋');
        }
        // Coverage in projects this editor does not manage is left untouched.
        const mine = await tx.getRepository(TechnicianBuilding).findBy({ userId });
        const mineBuildings = mine.length
          ? await tx.getRepository(Building).findBy({ id: In(mine.map((m) => m.buildingId)) })
          : [];
        const removable = mineBuildings
          .filter((b) => this.access.canActOnProject(principal, b.projectId, Permission.TechnicianEdit))
          .map((b) => b.id);
        if (removable.length) await tx.getRepository(TechnicianBuilding).delete({ userId, buildingId: In(removable) });
        if (wanted.length)
          await tx.getRepository(TechnicianBuilding).insert(wanted.map((buildingId) => ({ userId, buildingId })));
      }
    });
    const [updated] = await this.profiles([userId]);
    return updated;
  }

  /**
   * A technician granted a project needs a profile to be dispatched to (skills, coverage, cap). An account
   * made in the console gets one with no skills and the default cap; the 维修师傅 page fills it in.
   */
  async ensureProfile(userId: number, companyId: number): Promise<void> {
    if (await this.db.getRepository(TechnicianProfile).existsBy({ userId })) return;
    try {
      await this.db
        .getRepository(TechnicianProfile)
        .insert({ userId, companyId, department: '工程部', skills: [], onDuty: true, maxOpenJobs: 5 });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private technicianIdsInProject(projectId: number): Promise<number[]> {
    return this.users.usersWithRole(projectId, Role.Technician);
  }

  private projectsOfTechnician(userId: number): Promise<number[]> {
    return this.users.projectsWithRole(userId, Role.Technician);
  }

  private async profiles(userIds: number[]): Promise<ITechnicianProfile[]> {
    if (!userIds.length) return [];
    const [profiles, users, coverage] = await Promise.all([
      this.db.getRepository(TechnicianProfile).findBy({ userId: In(userIds) }),
      this.users.people(userIds),
      this.db.getRepository(TechnicianBuilding).findBy({ userId: In(userIds) }),
    ]);
    return profiles
      .map((p) => {
        const user = users.get(p.userId);
        return {
          userId: p.userId,
          name: user?.name ?? '',
          phoneMasked: maskPhone(user?.phone),
          department: p.department,
          skills: p.skills.filter(Boolean),
          buildingIds: coverage
            .filter((c) => c.userId === p.userId)
            .map((c) => c.buildingId)
            .sort((a, b) => a - b),
          onDuty: Boolean(p.onDuty),
          maxOpenJobs: p.maxOpenJobs,
        };
      })
      .sort((a, b) => a.userId - b.userId);
  }
}
