import {
  addMonths,
  ErrorCode,
  BillingItemKind,
  formatFen,
  isPeriod,
  parseMilli,
  shanghaiMonth,
  type IBillRun,
  type IBillingItem,
  type IReadingImportResult,
  type IReadingImportRowError,
} from '@app/shared';
import { ApiError, describeError, isApiError } from '../../api/api-error';
import { parseYuanInput } from '../../lib/money-input';

/** The Shanghai month of `now`, "YYYY-MM". */
export function currentPeriod(now: Date = new Date()): string {
  return shanghaiMonth(now);
}

/** The last `count` months ending at `last`, newest first (for month pickers). */
export function recentPeriods(last: string, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, -i));
}

/** "2026-03" → "2026年3月". */
export function periodLabel(period: string): string {
  if (!isPeriod(period)) return period;
  return `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
}

export interface ItemHistory {
  code: string;
  name: string;
  kind: BillingItemKind;
  /** One entry per house type (area items have a price per type; null = every other type). */
  lines: { houseType: IBillingItem['houseType']; current: IBillingItem | null; history: IBillingItem[] }[];
}

/** Effective-dated rows grouped by code and house type, newest first; `current` is the row still in force. */
export function groupItemHistory(items: readonly IBillingItem[]): ItemHistory[] {
  const byCode = new Map<string, IBillingItem[]>();
  for (const item of items) byCode.set(item.code, [...(byCode.get(item.code) ?? []), item]);
  return [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, rows]) => {
      const sorted = [...rows].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.id - a.id);
      const types = [...new Set(sorted.map((r) => r.houseType))];
      return {
        code,
        name: sorted[0].name,
        kind: sorted[0].kind,
        lines: types.map((houseType) => {
          const history = sorted.filter((r) => r.houseType === houseType);
          return { houseType, current: history.find((r) => r.effectiveTo === null) ?? null, history };
        }),
      };
    });
}

/** "2026-01 起" / "2025-06 至 2025-12". */
export function effectiveText(item: Pick<IBillingItem, 'effectiveFrom' | 'effectiveTo'>): string {
  return item.effectiveTo ? `${item.effectiveFrom} 至 ${item.effectiveTo}` : `${item.effectiveFrom} 起`;
}

export interface ItemForm {
  code: string;
  name: string;
  kind: BillingItemKind;
  houseType?: string | null;
  unitPrice: string;
  unit: string;
  sharedSplit?: string | null;
  effectiveFrom: string;
}

/** Checks an item form before it is sent; the server checks again and names the field on refusal. */
export function itemFormProblem(form: ItemForm, existing: readonly IBillingItem[]): string | null {
  if (!/^[A-Z0-9-]{1,16}$/.test(form.code.trim())) return '编码须为 1–16 位大写字母、数字或短横线，如 WY、SF';
  if (!form.name.trim()) return '请填写名称';
  const price = parseYuanInput(form.unitPrice);
  if (!price.ok) return `单价：${price.message}`;
  if (!isPeriod(form.effectiveFrom)) return '请选择生效月份';
  if (form.kind === BillingItemKind.Shared && !form.sharedSplit) return '公摊项目须选择分摊方式';
  // A new price may not start before the current row: that would rewrite months already billed at the old price.
  const same = existing.filter(
    (i) => i.code === form.code.trim() && (i.houseType ?? null) === (form.houseType ?? null) && i.effectiveTo === null,
  );
  if (same.some((i) => i.effectiveFrom > form.effectiveFrom))
    return `生效月份不能早于当前价格的起始月份 ${same[0].effectiveFrom}`;
  return null;
}

/** A reading typed as decimal text → thousandths, or a message. */
export function readingProblem(text: string | undefined, label = '读数'): string | null {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return `请填写${label}`;
  if (parseMilli(trimmed) === null) return `${label}须为不小于 0 的数字，最多三位小数`;
  return null;
}

/** Import errors sorted as they appear in the sheet (row, then column). */
export function sortImportErrors(errors: readonly IReadingImportRowError[]): IReadingImportRowError[] {
  return [...errors].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
}

export const ACTIVE_RUN_STATUSES: readonly IBillRun['status'][] = ['running'];

export function isRunActive(run: Pick<IBillRun, 'status'>): boolean {
  return ACTIVE_RUN_STATUSES.includes(run.status);
}

/** The progress bar of a run: houses done / total. */
export function runProgress(run: Pick<IBillRun, 'status' | 'housesDone' | 'housesTotal'>): {
  percent: number;
  text: string;
} {
  const total = run.housesTotal;
  const percent =
    total > 0 ? Math.min(100, Math.floor((run.housesDone * 100) / total)) : run.status === 'running' ? 0 : 100;
  return { percent, text: `${run.housesDone} / ${total} 户` };
}

/** "+¥1,200.00（+3.2%）" against last month; null when there was no earlier run. */
export function changeText(currentFen: number, previousFen: number | null): string | null {
  if (previousFen === null) return null;
  const diff = currentFen - previousFen;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const money = `${sign}${formatFen(Math.abs(diff))}`;
  if (previousFen === 0) return money;
  const permille = Math.round((Math.abs(diff) * 1000) / Math.abs(previousFen));
  return `${money}（${sign}${(permille / 10).toFixed(1)}%）`;
}

/** Basis points → "93.5%"; null (nothing billed) → "—". */
export function rateText(bp: number | null): string {
  if (bp === null) return '—';
  return `${(bp / 100).toFixed(1)}%`;
}

/** What the run's conflict answers mean to the person who pressed the button. */
export function runErrorMessage(error: unknown, fallback: string): string {
  if (isApiError(error, 'STATE_CONFLICT')) return error.message || '账单状态已变化，请刷新后重试';
  if (isApiError(error)) return error.message || fallback;
  return fallback;
}

/** 欠费账龄 buckets for the arrears filter. */
export const AGE_OPTIONS = [
  { value: 0, label: '全部账龄' },
  { value: 1, label: '1 个月以上' },
  { value: 3, label: '3 个月以上' },
  { value: 6, label: '6 个月以上' },
  { value: 12, label: '12 个月以上' },
] as const;

export function ageText(months: number): string {
  return months < 1 ? '不足 1 个月' : `${months} 个月`;
}

/** The late-fee policy as numbers a person reads: 50 per 100k a day → "0.05%/天". */
export function dailyRateText(per100k: number): string {
  return `${(per100k / 1000).toFixed(per100k % 10 === 0 ? 2 : 3)}%/天`;
}

export type ReadingImportOutcome =
  | { kind: 'invalid'; result: IReadingImportResult }
  | { kind: 'ok'; result: IReadingImportResult }
  | { kind: 'failed'; message: string };

function isReadingImportResult(value: unknown): value is IReadingImportResult {
  const v = value as Partial<IReadingImportResult> | null;
  return !!v && typeof v === 'object' && Array.isArray(v.errors) && typeof v.rows === 'number';
}

/** Folds the two ways bad rows may come back (a result listing errors, or 422 IMPORT_INVALID with it) into one. */
export function readingImportOutcome(
  settled: { result: IReadingImportResult } | { error: unknown },
): ReadingImportOutcome {
  if ('result' in settled) {
    return settled.result.errors.length > 0
      ? { kind: 'invalid', result: settled.result }
      : { kind: 'ok', result: settled.result };
  }
  const { error } = settled;
  if (error instanceof ApiError && error.code === ErrorCode.ImportInvalid && isReadingImportResult(error.details)) {
    return { kind: 'invalid', result: error.details };
  }
  if (error instanceof ApiError && error.code === ErrorCode.ValidationFailed && error.fieldErrors.length > 0) {
    return { kind: 'failed', message: error.fieldErrors.map((f) => f.message).join('；') };
  }
  return { kind: 'failed', message: describeError(error, '导入失败，请稍后重试') };
}

/** Only xlsx: the template is xlsx and the server parses xlsx. */
export function checkReadingFile(file: { name: string; size: number }): string | null {
  if (!/\.xlsx$/i.test(file.name)) return '仅支持 .xlsx 文件，请下载模板填写后上传';
  if (file.size === 0) return '文件是空的';
  if (file.size > 10 * 1024 * 1024) return '文件超过 10 MB，请拆分后分批导入';
  return null;
}

/**
 * An adjustment in yuan, which may be negative (a refund onto the next bill): "-35.5" → { fen: -3550 }.
 * Zero is refused: an adjustment of nothing is a mistake. The text sent stays the person's own digits.
 */
export function parseAdjustment(
  text: string | undefined,
): { ok: true; fen: number; amount: string } | { ok: false; message: string } {
  const trimmed = (text ?? '').trim().replace(/^−/, '-');
  const negative = trimmed.startsWith('-');
  const parsed = parseYuanInput(negative ? trimmed.slice(1) : trimmed);
  if (!parsed.ok) return parsed;
  if (!parsed.fen) return { ok: false, message: '调整金额不能为 0' };
  const fen = negative ? -parsed.fen : parsed.fen;
  return { ok: true, fen, amount: trimmed.replace(/^¥/, '').replace(/,/g, '') };
}

/** Which corrections a bill offers (BillCorrect holders only; a published bill is never edited in place). */
export function billCorrections(
  bill: { status: string },
  mayCorrect: boolean,
): { voidReissue: boolean; adjust: boolean; waive: boolean } {
  const published = bill.status === 'published';
  return {
    voidReissue: mayCorrect && published,
    adjust: mayCorrect && bill.status !== 'void',
    waive: mayCorrect && published,
  };
}

/** What a batch of in-app reminders did: houses without a verified resident cannot get one. */
export function reminderOutcome(sent: number, missed: number): string {
  if (missed === 0) return `已向 ${sent} 户发送站内催缴提醒`;
  const head = sent > 0 ? `已向 ${sent} 户发送站内催缴提醒；` : '';
  return `${head}${missed} 户没有已认证的住户，收不到站内提醒，可改为打印催缴通知单`;
}
