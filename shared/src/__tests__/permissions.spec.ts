import {
  Permission,
  ROLE_TICKET_ACTORS,
  actingAs,
  can,
  grantFor,
  ticketActorsOf,
  type GrantLike,
} from '../permissions';
import { Role, ScopeType } from '../roles';
import { TRANSITIONS, TicketActor } from '../tickets';

const P = Permission;

const grant = (role: Role, scopeType: ScopeType, scopeId: number, projectIds?: number[]): GrantLike => ({
  role,
  scopeType,
  scopeId,
  projectIds,
});

describe('can: grants over a scope', () => {
  const region10 = { companyId: 1, regionId: 10 };

  it.each([
    [
      'project grant on its project',
      grant(Role.CustomerManager, ScopeType.Project, 5),
      P.TicketIntake,
      { projectId: 5 },
      true,
    ],
    [
      'project grant elsewhere',
      grant(Role.CustomerManager, ScopeType.Project, 5),
      P.TicketIntake,
      { projectId: 6 },
      false,
    ],
    [
      'resolved projectIds win',
      grant(Role.Supervisor, ScopeType.Region, 10, [7]),
      P.TicketDispatch,
      { projectId: 7, regionId: 99 },
      true,
    ],
    [
      'resolved projectIds exclude',
      grant(Role.Supervisor, ScopeType.Region, 10, [7]),
      P.TicketDispatch,
      { projectId: 8, regionId: 10 },
      false,
    ],
    [
      'region grant by region id',
      grant(Role.Supervisor, ScopeType.Region, 10),
      P.TicketDispatch,
      { projectId: 8, regionId: 10 },
      true,
    ],
    [
      'company grant reaches a project',
      grant(Role.Admin, ScopeType.Company, 1),
      P.TicketHandle,
      { projectId: 8 },
      true,
    ],
    ['role without the permission', grant(Role.Cashier, ScopeType.Project, 5), P.TicketIntake, { projectId: 5 }, false],
    [
      'no project named for a project rule',
      grant(Role.CustomerManager, ScopeType.Project, 5),
      P.TicketIntake,
      {},
      false,
    ],
    [
      'region rule: region editor of that region',
      grant(Role.Finance, ScopeType.Region, 10),
      P.PriceEdit,
      region10,
      true,
    ],
    [
      'region rule: region editor of another region',
      grant(Role.Finance, ScopeType.Region, 11),
      P.PriceEdit,
      region10,
      false,
    ],
    ['region rule: company editor', grant(Role.Quality, ScopeType.Company, 1), P.PriceEdit, region10, true],
    [
      'region rule: company-wide version needs a company grant',
      grant(Role.Finance, ScopeType.Region, 10),
      P.PriceEdit,
      { companyId: 1, regionId: null },
      false,
    ],
    [
      'region rule: project grant never edits prices',
      grant(Role.Finance, ScopeType.Project, 5),
      P.PriceEdit,
      region10,
      false,
    ],
    [
      'company rule: company grant of that company',
      grant(Role.Finance, ScopeType.Company, 1),
      P.CompanySettingsEdit,
      { companyId: 1 },
      true,
    ],
    [
      'company rule: another company',
      grant(Role.Finance, ScopeType.Company, 2),
      P.CompanySettingsEdit,
      { companyId: 1 },
      false,
    ],
    [
      'company rule: a region grant is not enough',
      grant(Role.Quality, ScopeType.Region, 10),
      P.CategoryEdit,
      { companyId: 1 },
      false,
    ],
  ] as const)('%s', (_case, g, permission, target, expected) => {
    expect(can([g], permission, target)).toBe(expected);
  });

  it('grantFor picks the first grant as wide as the permission needs', () => {
    const region = grant(Role.Finance, ScopeType.Region, 10);
    const company = grant(Role.Finance, ScopeType.Company, 1);
    expect(grantFor([region, company], P.CompanySettingsEdit)).toBe(company);
    expect(grantFor([region], P.CompanySettingsEdit)).toBeUndefined();
    expect(grantFor([region], P.PriceEdit)).toBe(region);
    expect(grantFor([grant(Role.Cashier, ScopeType.Company, 1)], P.CategoryEdit)).toBeUndefined();
  });

  it('without a target only the role counts (the route-level check)', () => {
    expect(can([grant(Role.Finance, ScopeType.Region, 10)], P.CompanySettingsEdit)).toBe(true);
    expect(can([grant(Role.Cashier, ScopeType.Company, 1)], P.CompanySettingsEdit)).toBe(false);
  });
});

describe('role → ticket actor, once', () => {
  it('office roles act as themselves, admin as every office actor, the rest through the ticket', () => {
    expect(ticketActorsOf([Role.ProjectManager, Role.CustomerManager])).toEqual([
      TicketActor.CustomerManager,
      TicketActor.ProjectManager,
    ]);
    expect(ticketActorsOf([Role.Admin])).toEqual([
      TicketActor.CustomerManager,
      TicketActor.Supervisor,
      TicketActor.ProjectManager,
    ]);
    expect(ticketActorsOf([Role.Cashier, Role.Finance, Role.Quality, Role.Technician, Role.Resident])).toEqual([]);
  });

  it.each([
    ['a supervisor dispatches as supervisor', [Role.Supervisor], TRANSITIONS.dispatch.actors, TicketActor.Supervisor],
    [
      'a customer manager dispatches as customer manager',
      [Role.CustomerManager],
      TRANSITIONS.dispatch.actors,
      TicketActor.CustomerManager,
    ],
    ['admin dispatches as customer manager', [Role.Admin], TRANSITIONS.dispatch.actors, TicketActor.CustomerManager],
    [
      'a supervisor who is also admin dispatches as supervisor',
      [Role.Admin, Role.Supervisor],
      TRANSITIONS.dispatch.actors,
      TicketActor.Supervisor,
    ],
    [
      'a project manager closes as project manager',
      [Role.ProjectManager],
      TRANSITIONS.close.actors,
      TicketActor.ProjectManager,
    ],
    [
      'cm + pm close as customer manager',
      [Role.ProjectManager, Role.CustomerManager],
      TRANSITIONS.close.actors,
      TicketActor.CustomerManager,
    ],
    ['a cashier acts as nobody', [Role.Cashier], TRANSITIONS.cancel.actors, null],
  ] as const)('%s', (_case, roles, preferred, expected) => {
    expect(actingAs(roles, preferred)).toBe(expected);
  });

  it('covers every role', () => {
    expect(Object.keys(ROLE_TICKET_ACTORS).sort()).toEqual(Object.values(Role).sort());
  });
});
