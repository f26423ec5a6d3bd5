export { fenToInput, parseYuanInput } from '../../lib/money-input';
import {
  can,
  ErrorCode,
  formatFen,
  Permission,
  PRICE_LIST_STATUS_LABELS,
  type GrantLike,
  type IFeeCategory,
  type IFeeItem,
  type IPriceListDiff,
  type IPriceListVersion,
  type PriceListStatus,
} from '@app/shared';
import { describeError, isApiError } from '../../api/api-error';

export const KIND_LABELS = { fee_schedule: '特约服务收费标准', materials: '材料价格表' } as const;

/** The version a new draft copies by default: the one in force, else the newest published one. */
export function defaultCopySource(versions: readonly IPriceListVersion[]): IPriceListVersion | null {
  return (
    versions.find((v) => v.inForce) ??
    [...versions].filter((v) => v.status === 'published').sort((a, b) => b.versionNo - a.versionNo)[0] ??
    null
  );
}

export interface VersionActions {
  editable: boolean;
  canApprove: boolean;
  /** Why 审批通过 is not offered to this person, shown next to the disabled button. */
  approveHint: string | null;
  canReturnToDraft: boolean;
  canPublish: boolean;
}

/** Drafts are approved directly (no separate submit step), by someone other than the drafter. */
export function versionActions(version: Pick<IPriceListVersion, 'status' | 'createdBy'>, meId: number): VersionActions {
  const draft = version.status === 'draft';
  const ownDraft = draft && version.createdBy === meId;
  return {
    editable: draft,
    canApprove: draft && !ownDraft,
    approveHint: ownDraft ? '须由起草人以外的人员审批' : null,
    canReturnToDraft: version.status === 'approved',
    canPublish: version.status === 'approved',
  };
}

export function readOnlyReason(status: PriceListStatus): string | null {
  if (status === 'published') return '本版本已公示，不可修改；如需调价请新建版本。历史报价始终按当时的价格。';
  if (status === 'approved') return '本版本已审批，等待发布，不可修改；如需修改请先「退回草稿」。';
  return null;
}

export function statusColor(status: PriceListStatus): string {
  return status === 'published' ? 'green' : status === 'approved' ? 'blue' : 'default';
}

export const statusLabel = (status: PriceListStatus): string => PRICE_LIST_STATUS_LABELS[status];

export type PublishTime = { ok: true; effectiveFrom: string | undefined } | { ok: false; message: string };

/**
 * The chosen effective time → the request body. A time a little behind "now" (the picker defaulted to
 * the moment it opened) means "immediately"; a time clearly in the past is refused, as the server would.
 */
export function publishTime(chosen: Date | null, now: Date = new Date()): PublishTime {
  if (!chosen) return { ok: true, effectiveFrom: undefined };
  const delta = chosen.getTime() - now.getTime();
  if (delta < -10 * 60_000) return { ok: false, message: '生效时间不能早于当前时间（历史报价不可改变）' };
  if (delta <= 0) return { ok: true, effectiveFrom: undefined };
  return { ok: true, effectiveFrom: chosen.toISOString() };
}

/** Plain words for the refusals the price-list routes answer with. */
export function priceListErrorMessage(error: unknown): string {
  if (isApiError(error, ErrorCode.PriceListNotEditable)) return error.message || '该版本已不是草稿，不可修改';
  if (isApiError(error, ErrorCode.StateConflict)) {
    const current = (error.details as { current?: { status?: PriceListStatus } } | undefined)?.current?.status;
    return current
      ? `状态已被他人更改（当前为「${PRICE_LIST_STATUS_LABELS[current]}」），页面已刷新`
      : '状态已被他人更改，页面已刷新';
  }
  if (isApiError(error) && error.status === 403) return error.message || '当前账号无权执行此操作';
  if (isApiError(error) && error.fieldErrors.length) return error.fieldErrors.map((f) => f.message).join('；');
  return describeError(error);
}

/** Suggests the next free code in a category: GD-010 exists → GD-011. */
export function nextItemCode(items: readonly Pick<IFeeItem, 'code'>[], prefix: string): string {
  let max = 0;
  const pattern = new RegExp(`^${prefix.replace(/[^A-Z0-9]/g, '')}-(\\d+)$`);
  for (const item of items) {
    const m = pattern.exec(item.code);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(3, '0')}`;
}

export const DIFF_CHANGE_LABELS = { added: '新增', removed: '删除', changed: '调整' } as const;

const DIFF_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  categoryCode: '分类',
  unit: '单位',
  labourPriceFen: '人工费',
  callOutFeeFen: '上门费',
  materialsExtra: '材料另计',
  serviceStandard: '服务标准',
  spec: '规格',
  priceFen: '单价',
};

function diffValue(field: string, value: unknown, categories: readonly IFeeCategory[]): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.endsWith('Fen') && typeof value === 'number') return formatFen(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (field === 'categoryCode') return categories.find((c) => c.code === value)?.name ?? String(value);
  return String(value);
}

export interface DiffChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface DiffRow {
  code: string;
  name: string;
  change: keyof typeof DIFF_CHANGE_LABELS;
  changes: DiffChange[];
}

/** The server's field → [before, after] pairs, labelled and formatted (money via formatFen). */
export function diffRows(diff: IPriceListDiff, categories: readonly IFeeCategory[] = []): DiffRow[] {
  return diff.entries.map((entry) => ({
    code: entry.code,
    name: entry.name,
    change: entry.change,
    changes: Object.entries(entry.fields).map(([field, [before, after]]) => ({
      field,
      label: DIFF_FIELD_LABELS[field] ?? field,
      before: diffValue(field, before, categories),
      after: diffValue(field, after, categories),
    })),
  }));
}

export function diffSummary(rows: readonly DiffRow[]): string {
  const count = (c: DiffRow['change']) => rows.filter((r) => r.change === c).length;
  return `新增 ${count('added')} 项，删除 ${count('removed')} 项，调整 ${count('changed')} 项`;
}

/**
 * The company whose price lists this person edits: a company-wide grant names it directly; a
 * region-scoped editor's company is read off the versions they can see.
 */
export function editorCompanyId(
  grants: readonly GrantLike[],
  versions: readonly Pick<IPriceListVersion, 'companyId'>[],
): number | null {
  const companyGrant = grants.find((g) => g.scopeType === 'company' && can([g], Permission.PriceEdit));
  return companyGrant?.scopeId ?? versions[0]?.companyId ?? null;
}
