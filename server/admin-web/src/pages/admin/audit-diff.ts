/** One row of the before/after view: a top-level field and its two values as text. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

const show = (value: unknown): string => {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (Array.isArray(value)) return value.map(show).join('、') || '（空）';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

const fields = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : value === null || value === undefined ? {} : { 值: value };

/** Field by field, in the order they first appear; a value only on one side counts as changed. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = fields(before);
  const a = fields(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((field) => {
    const left = show(b[field]);
    const right = show(a[field]);
    return { field, before: left, after: right, changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]) };
  });
}

const ACTIONS: Record<string, string> = {
  'company.bootstrap': '初始化公司',
  'region.create': '新建区域',
  'region.rename': '修改区域',
  'project.create': '新建项目',
  'project.update': '修改项目',
  'building.create': '新建楼栋',
  'building.rename': '修改楼栋',
  'unit.create': '新建单元',
  'unit.rename': '修改单元',
  'department.create': '新建部门',
  'department.update': '修改部门',
  'staff.create': '新建员工账号',
  'staff.disable': '停用账号',
  'staff.enable': '启用账号',
  'staff.reset_password': '重置密码',
  'staff.change_password': '修改密码',
  'staff.end_sessions': '强制下线',
  'staff.grant': '授予角色',
  'staff.revoke': '撤销角色',
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Filter choices: the administration actions by name, plus the money prefixes other modules write. */
export const ACTION_OPTIONS = [
  ...Object.entries(ACTIONS).map(([value, label]) => ({ value, label: `${label}（${value}）` })),
  { value: 'staff', label: '员工账号（staff.*）' },
  { value: 'charge', label: '费用（charge.*）' },
  { value: 'cash', label: '现金交款（cash.*）' },
  { value: 'counter_sale', label: '前台收款（counter_sale.*）' },
  { value: 'price_list', label: '价目表（price_list.*）' },
  { value: 'service_category', label: '类别与技能（service_category.*）' },
  { value: 'settings', label: '公司设置（settings.*）' },
];
