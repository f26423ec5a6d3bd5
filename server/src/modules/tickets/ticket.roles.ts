import { Role } from '@app/shared';

export const TICKET_STAFF_VIEWERS: readonly Role[] = [
  Role.CustomerManager, Role.Supervisor, Role.ProjectManager, Role.Cashier, Role.Finance, Role.Quality, Role.Admin,
];
/**
 * Who sees a resident's full contact phone on a ticket: the roles that call residents (plus the assigned
 * technician, checked per ticket). Cashier, finance, quality and admin read tickets with the masked number.
 */
export const CONTACT_PHONE_VIEWERS: readonly Role[] = [Role.CustomerManager, Role.Supervisor, Role.ProjectManager];
export const INTAKE_ROLES: readonly Role[] = [Role.CustomerManager, Role.Admin];
export const DISPATCH_ROLES: readonly Role[] = [Role.Supervisor, Role.CustomerManager, Role.Admin];
export const HOLD_ROLES: readonly Role[] = [Role.CustomerManager, Role.Supervisor, Role.ProjectManager, Role.Admin];
export const PM_ROLES: readonly Role[] = [Role.ProjectManager, Role.Admin];

/** Ticket statuses that count against a technician's open-job cap. */
export const OPEN_JOB_STATUSES = ['dispatched', 'accepted', 'on_site', 'quoted', 'in_progress', 'done'] as const;
