import { Role } from '@app/shared';

/** Who may do what in the property registry (object scope is still checked per project). */
export const PROPERTY_READERS: readonly Role[] = [
  Role.CustomerManager, Role.Supervisor, Role.Technician, Role.ProjectManager, Role.Cashier, Role.Finance, Role.Quality, Role.Admin,
];
export const HOUSE_EDITORS: readonly Role[] = [Role.CustomerManager, Role.ProjectManager, Role.Admin];
export const MANAGER_ASSIGNERS: readonly Role[] = [Role.ProjectManager, Role.Admin];
export const TECHNICIAN_VIEWERS: readonly Role[] = [Role.CustomerManager, Role.Supervisor, Role.ProjectManager, Role.Admin];
export const TECHNICIAN_EDITORS: readonly Role[] = [Role.Supervisor, Role.ProjectManager, Role.Admin];
