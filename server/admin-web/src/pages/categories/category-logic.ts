import type { IServiceCategory, IUpsertServiceCategoryRequest } from '@app/shared';

export interface CategoryDraft {
  code: string;
  name: string;
  skills: string[];
  openToAll: boolean;
  sortOrder: number;
}

export type BuiltCategory =
  { ok: true; body: IUpsertServiceCategoryRequest } | { ok: false; field: 'code' | 'name' | 'skills'; message: string };

const CODE = /^[A-Z0-9][A-Z0-9-]{0,15}$/;

/**
 * Every category is either mapped to skills or explicitly open to all (the server refuses a rule with
 * neither, CATEGORY_NOT_CONFIGURED); the form says so before saving.
 */
export function buildCategoryRequest(companyId: number, draft: CategoryDraft): BuiltCategory {
  const code = draft.code.trim().toUpperCase();
  if (!CODE.test(code)) return { ok: false, field: 'code', message: '类别代码须为大写字母、数字或短横线，最多 16 位' };
  const name = draft.name.trim();
  if (!name) return { ok: false, field: 'name', message: '请填写类别名称' };
  if (name.length > 50) return { ok: false, field: 'name', message: '类别名称不能超过 50 个字' };
  if (draft.openToAll)
    return { ok: true, body: { companyId, name, skills: [], openToAll: true, sortOrder: draft.sortOrder } };
  if (!draft.skills.length) return { ok: false, field: 'skills', message: '请选择至少一项技能，或设为「不限技能」' };
  return {
    ok: true,
    body: { companyId, name, skills: [...new Set(draft.skills)], openToAll: false, sortOrder: draft.sortOrder },
  };
}

/** How a category is dispatched, in words; unconfigured ones are flagged (nobody is offered them). */
export function ruleSummary(c: Pick<IServiceCategory, 'configured' | 'openToAll' | 'skills'>): {
  text: string;
  flagged: boolean;
} {
  if (!c.configured) return { text: '未设置：不会派给任何师傅', flagged: true };
  if (c.openToAll) return { text: '不限技能：所有在岗师傅', flagged: false };
  return { text: `需要技能：${c.skills.join('、')}`, flagged: false };
}

export const draftOf = (c: IServiceCategory): CategoryDraft => ({
  code: c.code,
  name: c.name,
  skills: [...c.skills],
  openToAll: c.openToAll,
  sortOrder: c.sortOrder,
});
