import { serviceCategoryLabel, type IServiceCategory } from '@app/shared';
import { useEffect } from 'react';
import { listProjectCategories } from '../../api/service-categories';
import { useAsync, type AsyncState } from '../../lib/use-async';

/**
 * Category labels and skill rules are company data (GET /service-categories), not constants. The last list
 * loaded is kept here so a label rendered outside a page that loaded it (e.g. the ticket drawer) still reads
 * the company's names; pages pass their own list explicitly.
 */
let lastLoaded: readonly IServiceCategory[] = [];

export function useProjectCategories(projectId: number): AsyncState<IServiceCategory[]> {
  const state = useAsync(() => listProjectCategories(projectId).then((p) => p.items), [projectId]);
  useEffect(() => {
    if (state.data) lastLoaded = state.data;
  }, [state.data]);
  return state;
}

/** "供水设备维修类" (never the code), or the value as written for a category the company does not know (e.g. a suggestion topic). */
export function categoryLabel(code: string, categories: readonly IServiceCategory[] = lastLoaded): string {
  return serviceCategoryLabel(categories, code);
}

export type SkillRule = Pick<IServiceCategory, 'configured' | 'openToAll' | 'skills'>;

/** The server's rule (ServiceCategoryService.ruleAdmits): no rule yet → nobody fits; open to all → everyone. */
export function techFits(rule: SkillRule | undefined, skills: readonly string[]): boolean {
  if (!rule?.configured) return false;
  return rule.openToAll || skills.some((s) => rule.skills.includes(s));
}

/** Categories a ticket can be filed under: configured ones, in the company's order. */
export function categoryOptions(categories: readonly IServiceCategory[]): { value: string; label: string }[] {
  return categories.filter((c) => c.configured).map((c) => ({ value: c.code, label: c.name }));
}
