import { GLOSSARY, PRICE_LIST_STATUS_LABELS, VACANCY_STATUS_LABELS, formatFen } from '@app/shared';
import { PAID_BY_LABELS } from '../cash/charge-logic';

/** One row of the before/after view: a top-level field and its two values as text. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/**
 * The names of the fields the modules write into the audit log, so an administrator reads 金额 and 状态,
 * not amountFen and status. An unknown field keeps its code (still better than hiding it).
 */
const FIELD_LABELS: Record<string, string> = {
  status: '状态', amountFen: '金额', totalFen: '合计', paymentMethod: '付款方式', paidBy: '付款方式', via: '方式',
  confirmation: '确认状态', confirmedVia: '确认方式', residentConfirmed: '住户已确认', ticketId: '工单 ID', ticketSerial: '工单号',
  agreementRef: '签字凭证', lines: '明细', scheduleVersionId: '收费标准版本', reason: '原因', name: '名称', title: '标题',
  username: '用户名', phone: '手机号', phoneMasked: '手机号', found: '查到', grants: '角色授权', role: '角色', effectiveFrom: '生效日期',
  sortOrder: '排序', code: '编码', labourPriceFen: '人工费', callOutFeeFen: '上门费', unitPriceFen: '单价', unit: '单位',
  skills: '技能', skill: '技能', supervisorUserId: '主管', departmentId: '部门', regionId: '区域', projectId: '项目',
  cashLimitFen: '现金上限', waiverCapFen: '减免上限', disabled: '已停用', count: '笔数', chargeIds: '费用', waivedFen: '减免金额',
  waiverMonthlyCapFen: '每月减免上限', month: '月份', handoverId: '交款单', cashCollectedBy: '收款师傅', id: 'ID', versionId: '价目表版本',
  categoryCode: '类别', materialsExtra: '材料另计', counterSale: '前台销售', serviceStandard: '服务标准', kind: '类型', copiedFrom: '复制自版本',
  publishedKey: '公示编号', publishedBy: '发布人', publishedAt: '发布时间', approvedBy: '审核人', approvedAt: '审核时间', openToAll: '不限技能',
  materialsVersionId: '材料价目版本',
  // Billing (docs/billing.md)
  billCount: '账单数', unconfirmedCharges: '未确认费用', billId: '账单 ID', revision: '版本', contentHash: '内容校验值', bills: '账单数',
  houseType: '房屋类型', houseId: '房屋 ID', fromPeriod: '起始月份', toPeriod: '截止月份', discountPercent: '优惠比例（%）', itemCode: '收费项目',
  period: '账期', quantityMilli: '数量（千分）', readings: '读数条数', consumptionMilli: '用量（千分）', resumeAfterHouseId: '从房屋 ID 之后续算',
  reminderId: '催缴记录', channel: '渠道', owedFen: '欠费金额', lineId: '明细行', readingMilli: '本期读数（千分）', previousMilli: '上期读数（千分）',
  meterChanged: '换表', enabled: '启用', graceDays: '宽限天数', dailyRatePer100k: '日费率（十万分之）', capPercent: '封顶比例（%）',
  vacancyDiscountPercent: '空置优惠比例（%）', enabledFrom: '滞纳金起算月份',
};

/** Values of a field that is an enum: the label from the shared glossary. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { ...GLOSSARY.chargeStatus, ...PRICE_LIST_STATUS_LABELS, ...GLOSSARY.ticketStatus, ...VACANCY_STATUS_LABELS },
  paymentMethod: GLOSSARY.paymentMethod,
  paidBy: PAID_BY_LABELS,
  confirmation: { confirmed: '已确认', unconfirmed: '未确认' },
  confirmedVia: GLOSSARY.chargeConfirmedVia,
  via: GLOSSARY.chargeConfirmedVia,
  role: GLOSSARY.role,
  kind: { fee_schedule: '收费标准', materials: '材料价目' },
  channel: { in_app: '站内消息', notice: '催缴通知单' },
  houseType: GLOSSARY.houseType,
};

/** An ISO instant (2026-12-01T11:44:04.816Z) as the console shows times: 2026/12/1 19:44:04. */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const localTime = (iso: string): string => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

/** A quote or sale line as a person reads it: 名称 × 数量 金额. */
function line(value: Record<string, unknown>): string {
  const quantity = typeof value.quantityMilli === 'number' ? ` × ${value.quantityMilli / 1000}` : '';
  const amount = typeof value.amountFen === 'number' ? ` ${formatFen(value.amountFen)}` : '';
  return `${String(value.name ?? value.code ?? '')}${quantity}${amount}`;
}

const SCOPE_LABELS: Record<string, string> = { company: '全公司', region: '区域', project: '项目' };

/** A role grant as written by the administration module (`cashier@project:1`): 收费员（项目 #1）. */
function grant(value: string): string | null {
  const match = /^([a-z_]+)@(company|region|project):(\d+)$/.exec(value);
  const role = match && (GLOSSARY.role as Record<string, string>)[match[1]];
  if (!match || !role) return null;
  return match[2] === 'company' ? `${role}（全公司）` : `${role}（${SCOPE_LABELS[match[2]]} #${match[3]}）`;
}

const show = (value: unknown, field = ''): string => {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && /Fen$/.test(field)) return formatFen(value);
  if (typeof value === 'string' && VALUE_LABELS[field]?.[value]) return VALUE_LABELS[field][value];
  if (typeof value === 'string' && grant(value)) return grant(value)!;
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return localTime(value);
  // The published schedule's key (fee_schedule:company:project:instant) is read by its time.
  if (field === 'publishedKey' && typeof value === 'string') return value.replace(/^.*:(\d{4}-[^Z]+Z)$/, (_, at: string) => `公示于 ${localTime(at)}`);
  // A bill's SHA-256 content hash: the first 12 digits are enough to compare two versions by eye.
  if (field === 'contentHash' && typeof value === 'string') return value.length > 12 ? `${value.slice(0, 12)}…` : value;
  // A signature reference (signature:12) names the signature record of that charge.
  if (field === 'agreementRef' && typeof value === 'string') return value.replace(/^signature:(\d+)$/, '签字记录 #$1');
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' && 'name' in v ? line(v as Record<string, unknown>) : show(v))).join('、') || '（空）';
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
    const left = show(b[field], field);
    const right = show(a[field], field);
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
  'binding.caller_lookup': '按手机号查询来电住户',
  'cash.handover': '现金交款',
  'charge.post': '生成费用',
  'charge.confirm': '确认费用',
  'charge.cash_collect': '现场收取现金',
  'charge.cash_confirm': '住户确认现金付款',
  'charge.payment_method': '修改付款方式',
  'charge.waive': '费用减免',
  'counter_sale.create': '前台收款',
  'price_list.create': '新建价目表',
  'price_list.approve': '审核价目表',
  'price_list.publish': '发布价目表',
  'price_list.return_to_draft': '退回草稿',
  'fee_item.create': '新增收费项目',
  'fee_item.update': '修改收费项目',
  'material_price.create': '新增材料价格',
  'material_price.update': '修改材料价格',
  'price_entry.delete': '删除价目条目',
  'service_category.upsert': '修改类别与技能',
  'settings.update': '修改公司设置',
  'ticket.damage': '登记工单损坏',
  'ticket.dispatch_skill_override': '跨技能派单',
  'billing-item.upsert': '设置收费项目单价',
  'billing.house-quantity': '设置房屋计费数量',
  'billing.shared-amount': '设置公摊总额',
  'billing.late-fee-policy': '修改滞纳金规则',
  'reading.record': '录入抄表读数',
  'reading.import': '导入抄表读数',
  'vacancy.apply': '申请空置优惠',
  'vacancy.approve': '批准空置优惠',
  'vacancy.reject': '驳回空置优惠',
  'bill-run.start': '开始生成账单',
  'bill-run.check': '核对账单',
  'bill-run.publish': '发布账单',
  'bill.void-and-reissue': '作废并重开账单',
  'bill.adjustment': '账单调整',
  'bill.waive-late-fee': '减免滞纳金',
  'arrears.remind': '欠费催缴',
};

/** What an audit row is about, in words. */
export const ENTITY_LABELS: Record<string, string> = {
  user: '员工', company: '公司', region: '区域', project: '项目', building: '楼栋', unit: '单元', department: '部门', charge: '费用',
  price_list: '价目表', service_category: '类别', company_settings: '公司设置', ticket: '工单', house: '房屋', binding: '房屋认证',
  bill: '账单', bill_adjustment: '账单调整', bill_run: '账单批次', billing_item: '收费项目', billing_shared_amount: '公摊总额',
  late_fee_policy: '滞纳金规则', meter_reading: '抄表读数', vacancy_application: '空置申请',
};
export const entityLabel = (type: string, id: number | null): string => `${ENTITY_LABELS[type] ?? type}${id ? ` #${id}` : ''}`;

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Filter choices: every action by name, plus the money prefixes as groups. */
export const ACTION_OPTIONS = [
  { value: 'staff', label: '员工账号（全部）' },
  { value: 'charge', label: '费用（全部）' },
  { value: 'price_list', label: '价目表（全部）' },
  { value: 'bill', label: '账单（全部）' },
  ...Object.entries(ACTIONS).map(([value, label]) => ({ value, label })),
];
