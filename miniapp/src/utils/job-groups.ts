import { TicketStatus, type ITicket } from '@app/shared';

/** How the 工作台 counts and splits a technician's jobs. */
export type JobGroup = 'toAccept' | 'active' | 'toVerify' | 'finished';

export const JOB_GROUP_LABELS: Record<JobGroup, string> = {
  toAccept: '待接单',
  active: '进行中',
  toVerify: '待验收',
  finished: '已完成',
};

const GROUP_OF: Partial<Record<TicketStatus, JobGroup>> = {
  [TicketStatus.Dispatched]: 'toAccept',
  [TicketStatus.Accepted]: 'active',
  [TicketStatus.OnSite]: 'active',
  [TicketStatus.Quoted]: 'active',
  [TicketStatus.InProgress]: 'active',
  [TicketStatus.Done]: 'toVerify',
};

/** Anything past the technician's hands (verified, closed, cancelled …) is finished work. */
export function jobGroup(ticket: Pick<ITicket, 'status'>): JobGroup {
  return GROUP_OF[ticket.status] ?? 'finished';
}

/** Jobs per group; the open ones soonest visit first, then oldest report first, finished ones newest first. */
export function groupJobs(jobs: readonly ITicket[]): Record<JobGroup, ITicket[]> {
  const groups: Record<JobGroup, ITicket[]> = { toAccept: [], active: [], toVerify: [], finished: [] };
  for (const job of jobs) groups[jobGroup(job)].push(job);
  const soonest = (a: ITicket, b: ITicket) =>
    (a.visitAt ?? '9999').localeCompare(b.visitAt ?? '9999') || a.createdAt.localeCompare(b.createdAt);
  groups.toAccept.sort(soonest);
  groups.active.sort(soonest);
  groups.toVerify.sort(soonest);
  groups.finished.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return groups;
}
