import { GLOSSARY, formatFen } from '@app/shared';
import { ENTITY_VALUE_LABELS, VALUE_LABELS } from './audit-labels';

/** One row of the before/after view: a top-level field and its two values as text. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** An ISO instant (2026-12-01T11:44:04.816Z) as the console shows times: 2026/12/1 19:44:04. */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const localTime = (iso: string): string =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** A quote or sale line as a person reads it: 名称 × 数量 金额. */
function line(value: Record<string, unknown>): string {
  const quantity = typeof value.quantityMilli === 'number' ? ` × ${value.quantityMilli / 1000}` : '';
  const amount = typeof value.amountFen === 'number' ? ` ${formatFen(value.amountFen)}` : '';
  return `${String(value.name ?? value.title ?? value.code ?? '')}${quantity}${amount}`;
}

const SCOPE_LABELS: Record<string, string> = { company: '全公司', region: '区域', project: '项目' };

/** A role grant as written by the administration module (`cashier@project:1`): 收费员（项目 #1）. */
function grant(value: string): string | null {
  const match = /^([a-z_]+)@(company|region|project):(\d+)$/.exec(value);
  const role = match && (GLOSSARY.role as Record<string, string>)[match[1]];
  if (!match || !role) return null;
  return match[2] === 'company' ? `${role}（全公司）` : `${role}（${SCOPE_LABELS[match[2]]} #${match[3]}）`;
}

/** Staff names by user id (the console's staff list), so 调查人 reads 王芳 rather than 12. */
export type StaffNames = ReadonlyMap<number, string>;

/** Fields whose value is a staff member's user id. */
const STAFF_ID_FIELDS = new Set(['investigatorId', 'responsibleUserId', 'supervisorUserId']);

const show = (value: unknown, field = '', entity = '', staff: StaffNames = new Map()): string => {
  if (value === undefined) return '';
  // An id not in the list (more staff than it holds, or a deleted account) still reads as an id.
  if (typeof value === 'number' && STAFF_ID_FIELDS.has(field)) return staff.get(value) ?? `#${value}`;
  const scoped = typeof value === 'string' ? ENTITY_VALUE_LABELS[entity]?.[field]?.[value] : undefined;
  if (scoped) return scoped;
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && /Fen$/.test(field)) return formatFen(value);
  if (typeof value === 'string' && VALUE_LABELS[field]?.[value]) return VALUE_LABELS[field][value];
  if (typeof value === 'string' && grant(value)) return grant(value)!;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return localTime(value);
  // The published schedule's key (fee_schedule:company:project:instant) is read by its time.
  if (field === 'publishedKey' && typeof value === 'string')
    return value.replace(/^.*:(\d{4}-[^Z]+Z)$/, (_, at: string) => `公示于 ${localTime(at)}`);
  // A bill's SHA-256 content hash: the first 12 digits are enough to compare two versions by eye.
  if (field === 'contentHash' && typeof value === 'string') return value.length > 12 ? `${value.slice(0, 12)}…` : value;
  // A signature reference (signature:12) names the signature record of that charge.
  if (field === 'agreementRef' && typeof value === 'string') return value.replace(/^signature:(\d+)$/, '签字记录 #$1');
  if (Array.isArray(value))
    return (
      value
        .map((v) =>
          v !== null && typeof v === 'object' && ('name' in v || 'title' in v)
            ? line(v as Record<string, unknown>)
            : show(v),
        )
        .join('、') || '（空）'
    );
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

const fields = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : value === null || value === undefined
      ? {}
      : { 值: value };

/**
 * Field by field, in the order they first appear; a value only on one side counts as changed. `entityType`
 * (the row's) picks the labels of values that differ by object, such as statuses; `staff` names the people
 * behind staff-id fields (调查人, 责任人, 主管).
 */
export function diffRows(before: unknown, after: unknown, entityType = '', staff: StaffNames = new Map()): DiffRow[] {
  const b = fields(before);
  const a = fields(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => {
    const left = show(b[field], field, entityType, staff);
    const right = show(a[field], field, entityType, staff);
    return { field, before: left, after: right, changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]) };
  });
}
