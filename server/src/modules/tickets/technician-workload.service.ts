import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ITechnicianWorkload, Permission, Role, shanghaiDate } from '@app/shared';
import { Principal } from '../../common/principal';
import { now } from '../../common/time';
import { AccessService } from '../identity/access.service';
import { UserDirectory } from '../identity/user-directory.service';
import { Ticket } from './ticket.entity';
import { OPEN_JOB_STATUSES } from './ticket.roles';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** What a dispatcher weighs besides skills and duty: how busy each of the project's technicians already is. */
@Injectable()
export class TechnicianWorkloadService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly users: UserDirectory,
  ) {}

  async forProject(principal: Principal, projectId: number, at: Date = now()): Promise<ITechnicianWorkload[]> {
    this.access.assertProject(principal, projectId, Permission.TicketDispatch);
    const ids = [...(await this.users.usersWithRole(projectId, Role.Technician))].sort((a, b) => a - b);
    if (!ids.length) return [];
    const dayStart = new Date(Date.parse(`${shanghaiDate(at)}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
    const count = async (today: boolean) => {
      const qb = this.db
        .createQueryBuilder(Ticket, 't')
        .select('t.technician_id', 'tech')
        .addSelect('COUNT(*)', 'n')
        .where('t.technician_id IN (:...ids) AND t.status IN (:...open)', { ids, open: OPEN_JOB_STATUSES });
      if (today)
        qb.andWhere('t.visit_at >= :from AND t.visit_at < :to', {
          from: dayStart,
          to: new Date(dayStart.getTime() + DAY_MS),
        });
      const rows = await qb.groupBy('t.technician_id').getRawMany<{ tech: number | string; n: number | string }>();
      // mysql2 answers COUNT(*) as a string.
      return new Map(rows.map((r) => [Number(r.tech), Number(r.n)]));
    };
    const [open, today] = await Promise.all([count(false), count(true)]);
    return ids.map((id) => ({ technicianId: id, openJobs: open.get(id) ?? 0, visitsToday: today.get(id) ?? 0 }));
  }
}
