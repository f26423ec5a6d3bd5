/** Ticket statuses that count against a technician's open-job cap. */
export const OPEN_JOB_STATUSES = ['dispatched', 'accepted', 'on_site', 'quoted', 'in_progress', 'done'] as const;
