import { Permission, Role, UserKind, roleCan, rolesFor, type IMe } from '@app/shared';
import { Routes, type Route } from '../routes';

export interface IRoleEntry {
  key: 'resident' | 'technician' | 'staff';
  title: string;
  description: string;
  url: Route;
  /** A count that needs the person now (new dispatches waiting to be accepted), shown as a badge. */
  badge?: number;
}

/** A technician's open work, as the 工作台 groups it. */
export interface IJobCounts {
  toAccept: number;
  active: number;
  pool: number;
}

/** The 师傅工作台 row's line: what waits, or the plain description while the counts are unknown. */
export function jobsDescription(jobs: IJobCounts | null): string {
  if (!jobs) return '接单、上门与完工';
  const parts = [
    jobs.toAccept ? `待接单 ${jobs.toAccept}` : '',
    jobs.active ? `进行中 ${jobs.active}` : '',
    jobs.pool ? `抢单池 ${jobs.pool}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : '暂无待办工单';
}

/**
 * Staff roles that work from the office pages rather than the technician pages: those the shared
 * permission table lets read the project's tickets.
 */
export const OFFICE_ROLES = rolesFor(Permission.TicketView);

/** Roles that work jobs from the technician pages. */
export const TECHNICIAN_ROLES = rolesFor(Permission.JobWork);

/**
 * Which role areas (sub-packages) the signed-in user may open from the home page, in display order.
 * `pendingApplications`: house applications under review, so a resident without a house is told it is in progress.
 * `jobs`: a technician's open work, when known.
 */
export function roleEntries(me: IMe, pendingApplications = 0, jobs: IJobCounts | null = null): IRoleEntry[] {
  const held = me.roles.map((grant) => grant.role);
  const entries: IRoleEntry[] = [];
  if (me.kind === UserKind.Resident || held.includes(Role.Resident)) {
    entries.push({
      key: 'resident',
      title: '我的房屋',
      description:
        me.houses.length > 0
          ? `已绑定 ${me.houses.length} 处房屋`
          : pendingApplications > 0
            ? '房屋认证审核中，请耐心等待'
            : '尚未绑定房屋',
      url: Routes.residentHouses,
    });
  }
  if (roleCan(held, Permission.JobWork)) {
    entries.push({
      key: 'technician',
      title: '师傅工作台',
      description: jobsDescription(jobs),
      url: Routes.technicianHome,
      ...(jobs?.toAccept ? { badge: jobs.toAccept } : {}),
    });
  }
  if (roleCan(held, Permission.TicketView)) {
    // The mini-program's staff page shows roles and scopes only; ticket work happens in the web console.
    entries.push({ key: 'staff', title: '员工工作台', description: '我的岗位与负责范围', url: Routes.staffHome });
  }
  return entries;
}
