import type { ITicket } from '@app/shared';
import { getJobPool, getMyJobs } from '../services/api/tickets';
import { groupJobs, type JobGroup } from './job-groups';

export interface IJobBoard {
  groups: Record<JobGroup, ITicket[]>;
  pool: ITicket[];
}

/** My jobs split by where they stand, and the pool jobs I may grab: what the 工作台 and the job list show. */
export async function loadJobBoard(): Promise<IJobBoard> {
  const [mine, pool] = await Promise.all([getMyJobs(), getJobPool()]);
  return { groups: groupJobs(mine), pool };
}
