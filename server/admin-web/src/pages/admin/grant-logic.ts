import { Role, ScopeType, type IOrganization, type IStaffGrant } from '@app/shared';

export function scopeLabel(grant: Pick<IStaffGrant, 'scopeType' | 'scopeName'>): string {
  switch (grant.scopeType) {
    case ScopeType.Company:
      return `全公司（${grant.scopeName}）`;
    case ScopeType.Region:
      return `区域：${grant.scopeName}`;
    case ScopeType.Project:
      return `项目：${grant.scopeName}`;
  }
}

/** Scope types a role may be granted over: technicians only per project (dispatch finds them there). */
export function scopeTypesFor(role: Role): ScopeType[] {
  return role === Role.Technician ? [ScopeType.Project] : [ScopeType.Project, ScopeType.Region, ScopeType.Company];
}

export function scopeOptions(org: IOrganization, scopeType: ScopeType): { value: number; label: string }[] {
  switch (scopeType) {
    case ScopeType.Company:
      return [{ value: org.companyId, label: org.companyName }];
    case ScopeType.Region:
      return org.regions.map((r) => ({ value: r.id, label: r.name }));
    case ScopeType.Project:
      return org.regions.flatMap((r) => r.projects.map((p) => ({ value: p.id, label: `${p.name}（${r.name}）` })));
  }
}
