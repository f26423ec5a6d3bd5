import { formatFen, type IDirectoryProject, type IFeeItem, type IFeeScheduleCategoryView, type IMe } from '@app/shared';
import { ApiError } from '../../../services/api-error';

/** Which project's schedule the page shows, or what it needs from the user first. */
export type ProjectTarget =
  | { kind: 'project'; projectId: number }
  /** Signed in but no house: choose a project from the directory. */
  | { kind: 'pick'; projects: IDirectoryProject[] }
  /** A guest without a projectId in the link: the directory needs sign-in, so only the poster or signing in helps. */
  | { kind: 'sign-in' };

export interface IProjectSources {
  hasSession: () => boolean;
  getMe: () => Promise<IMe>;
  getProjects: () => Promise<IDirectoryProject[]>;
}

/** A route param as an id: a positive integer, anything else (missing, "abc", "0", "1.5") counts as absent. */
export function parseId(raw: unknown): number | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim();
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  return Number(text);
}

/**
 * The route param wins (the poster's QR code names the project); then the signed-in resident's first house; then the
 * directory (a single project is chosen without asking). A session the server no longer accepts counts as a guest.
 */
export async function resolveProject(routeProjectId: unknown, sources: IProjectSources): Promise<ProjectTarget> {
  const fromRoute = parseId(routeProjectId);
  if (fromRoute !== null) return { kind: 'project', projectId: fromRoute };
  if (!sources.hasSession()) return { kind: 'sign-in' };
  try {
    const me = await sources.getMe();
    const house = me.houses[0];
    if (house) return { kind: 'project', projectId: house.projectId };
    const projects = await sources.getProjects();
    if (projects.length === 1) return { kind: 'project', projectId: projects[0].id };
    return { kind: 'pick', projects };
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthenticated) return { kind: 'sign-in' };
    throw error;
  }
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * "2025-12-31T16:00:00.000Z" → "2026-01-01": the date in Asia/Shanghai whatever the phone's zone. China has no DST,
 * so a fixed +8 h is exact, and it avoids Intl time-zone support, which some mini-program runtimes lack.
 */
export function formatShanghaiDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "¥20.00/个"; free items (e.g. 代收快递) read 免费 rather than ¥0.00. */
export function priceLabel(item: Pick<IFeeItem, 'labourPriceFen' | 'unit'>): string {
  return item.labourPriceFen === 0 ? '免费' : `${formatFen(item.labourPriceFen)}/${item.unit}`;
}

export function countItems(categories: readonly IFeeScheduleCategoryView[]): number {
  return categories.reduce((sum, category) => sum + category.items.length, 0);
}

/** The categories a tab shows: all of them, or the chosen one (all again when a search removed the chosen one). */
export function visibleCategories(
  categories: readonly IFeeScheduleCategoryView[],
  tab: string | null,
): IFeeScheduleCategoryView[] {
  const chosen = tab === null ? undefined : categories.find((category) => category.code === tab);
  return chosen ? [chosen] : [...categories];
}

export type FeeItemKind = 'repair' | 'service' | 'counter';

/**
 * What an item's price pays for, from its category: 维修 categories charge 维修费 and are reported (报修); other
 * categories (家政, 绿化 …) are services booked as such (预约此项); counter items are bought at the service centre.
 * The schedule has no kind field, so the category name decides; without it (a bare link) nothing is claimed.
 */
export function feeItemKind(item: Pick<IFeeItem, 'counterSale'>, categoryName: string | null): FeeItemKind | null {
  if (item.counterSale) return 'counter';
  if (categoryName === null) return null;
  return categoryName.includes('维修') ? 'repair' : 'service';
}

export const FEE_ITEM_PRICE_LABELS: Record<FeeItemKind, string> = {
  repair: '维修费（人工费）',
  service: '服务费',
  counter: '服务中心收费',
};
