import { describe, expect, it } from 'vitest';
import type { IOrganization, Role } from '@app/shared';
import { buildMenu, canOpen, pageByKey } from '../../src/layout/access';
import { actionLabel, entityLabel } from '../../src/pages/admin/audit-actions';
import { diffRows } from '../../src/pages/admin/audit-diff';
import { fieldLabel } from '../../src/pages/admin/audit-labels';
import { scopeLabel, scopeOptions, scopeTypesFor } from '../../src/pages/admin/grant-logic';

const labels = (roles: Role[]) => buildMenu(roles).flatMap((g) => g.items.map((i) => i.label));

describe('administration pages in the menu', () => {
  it('admin gets the 系统管理 group; the change-password page is reachable but never listed', () => {
    const admin = buildMenu(['admin']).find((g) => g.key === 'admin');
    expect(admin?.items.map((i) => i.label)).toEqual(['组织架构', '员工账号与权限', '审计日志']);
    expect(labels(['admin'])).not.toContain('修改密码');
  });

  it('no other role opens an administration page, every staff role may change its password', () => {
    const others: Role[] = [
      'customer_manager',
      'supervisor',
      'technician',
      'project_manager',
      'cashier',
      'finance',
      'quality',
    ];
    for (const role of others) {
      for (const key of ['organization', 'staff-accounts', 'audit-log'] as const)
        expect(canOpen(pageByKey(key), [role])).toBe(false);
      expect(labels([role])).not.toContain('组织架构');
      expect(canOpen(pageByKey('change-password'), [role])).toBe(true);
    }
  });
});

describe('audit before/after rows', () => {
  it('pairs fields of both sides and marks what changed', () => {
    const rows = diffRows({ name: '1栋', sortOrder: 0 }, { name: '一栋', sortOrder: 0 });
    expect(rows).toEqual([
      { field: 'name', before: '1栋', after: '一栋', changed: true },
      { field: 'sortOrder', before: '0', after: '0', changed: false },
    ]);
  });

  it('shows a creation (no before) with every field changed, lists joined and null as a dash', () => {
    const rows = diffRows(null, { grants: ['cashier@project:1', 'admin@company:1'], supervisorUserId: null });
    expect(rows).toEqual([
      { field: 'grants', before: '', after: '收费员（项目 #1）、系统管理员（全公司）', changed: true },
      { field: 'supervisorUserId', before: '', after: '—', changed: true },
    ]);
  });

  it('lists a value that went from one to none as changed, and keeps unknown actions readable', () => {
    expect(diffRows({ grants: ['a'] }, { grants: [] })).toEqual([
      { field: 'grants', before: 'a', after: '（空）', changed: true },
    ]);
    expect(diffRows(undefined, undefined)).toEqual([]);
    expect(actionLabel('staff.grant')).toBe('授予角色');
    expect(actionLabel('charge.waive')).toBe('费用减免');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('reads in Chinese: field names, money in yuan, enum values, booleans and quote lines (the page showed amountFen, open, true and JSON)', () => {
    const rows = diffRows(
      { status: 'open', paymentMethod: 'bill' },
      {
        status: 'cash_collected',
        paymentMethod: 'cash',
        amountFen: 1780,
        residentConfirmed: true,
        lines: [{ kind: 'labour', name: '更换灯泡/灯管', quantityMilli: 2000, amountFen: 1000 }],
      },
    );
    expect(rows.map((r) => [fieldLabel(r.field), r.before, r.after])).toEqual([
      ['状态', '待结算', '现金已收（待交款）'],
      ['付款方式', '计入月度物业账单', '现场现金'],
      ['金额', '', '¥17.80'],
      ['住户已确认', '', '是'],
      ['明细', '', '更换灯泡/灯管 × 2 ¥10.00'],
    ]);
    expect(entityLabel('charge', 7)).toBe('费用 #7');
    expect(diffRows(null, { paidBy: 'wechat', agreementRef: 'signature:12' }).map((r) => r.after)).toEqual([
      '微信',
      '签字记录 #12',
    ]);
    const published = diffRows(null, {
      publishedAt: '2026-12-01T11:44:04.816Z',
      materialsExtra: true,
      kind: 'fee_schedule',
    });
    expect(published.map((r) => [fieldLabel(r.field), r.after])).toEqual([
      ['发布时间', '2026/12/1 19:44:04'],
      ['材料另计', '是'],
      ['类型', '收费标准'],
    ]);
  });
});

describe('audit rows of this round read in words', () => {
  it('合并重复报修, 计费起始日 and 服务时限 rows name every field and value in Chinese (the roles journey found English)', () => {
    const rows = [
      ...diffRows(
        { status: 'submitted', serial: 'YGHY-1' },
        { status: 'cancelled', mergedIntoId: 5, targetSerial: 'YGHY-2', followerId: 9 },
        'ticket',
      ),
      ...diffRows({ billingStartDate: null }, { billingStartDate: '2026-11-15' }, 'house'),
      ...diffRows(
        undefined,
        {
          category: 'GD',
          urgency: 'emergency',
          respondMinutes: 20,
          onSiteMinutes: 30,
          resolveMinutes: 180,
          returnVisitMinutes: 1440,
        },
        'sla_policy',
      ),
    ];
    // Rows recorded with only their project became visible in 审计日志 this round: 预存优惠, 派单 overrides, payments.
    rows.push(
      ...diffRows(
        undefined,
        {
          payMonths: 12,
          freeMonths: 1,
          validFrom: '2026-12-01',
          validTo: null,
          active: true,
          updatedBy: 3,
          updatedAt: '2026-12-01T02:00:00.000Z',
        },
        'prepay_offer',
      ),
      ...diffRows(undefined, { technicianId: 4, requiredSkills: ['GD'], technicianSkills: ['GS'] }, 'ticket'),
      ...diffRows(
        undefined,
        {
          method: 'cash',
          receiptId: 2,
          payOrderId: null,
          allocations: [{ kind: 'bill', targetId: 10, amountFen: 28768, title: '2026-09 物业账单' }],
        },
        'payment',
      ),
      ...diffRows(undefined, { number: 'R-1', printCount: 2, mustChangePassword: true }, 'receipt'),
    );
    for (const r of rows) expect(fieldLabel(r.field)).not.toMatch(/[A-Za-z]/);
    expect(rows.find((r) => r.field === 'method')?.after).toBe('现金');
    expect(rows.find((r) => r.field === 'allocations')?.after).toBe('2026-09 物业账单 ¥287.68');
    expect(rows.find((r) => r.field === 'urgency')?.after).toBe('紧急');
    expect(actionLabel('ticket.merge')).toBe('合并重复报修');
    expect(actionLabel('house.billing-start')).toBe('设置计费起始日');
    expect(actionLabel('sla_policy.save')).toBe('修改服务时限');
  });
});

describe('grant choices', () => {
  const org: IOrganization = {
    companyId: 7,
    companyName: '启航物业',
    regions: [
      {
        id: 1,
        code: 'SZ',
        name: '深圳区域',
        projects: [{ id: 11, regionId: 1, code: 'XC', name: '新城花园', address: '' }],
      },
    ],
  };

  it('technicians are granted per project only, other roles over any scope', () => {
    expect(scopeTypesFor('technician')).toEqual(['project']);
    expect(scopeTypesFor('customer_manager')).toEqual(['project', 'region', 'company']);
  });

  it('offers the company, its regions or its projects', () => {
    expect(scopeOptions(org, 'company')).toEqual([{ value: 7, label: '启航物业' }]);
    expect(scopeOptions(org, 'region')).toEqual([{ value: 1, label: '深圳区域' }]);
    expect(scopeOptions(org, 'project')).toEqual([{ value: 11, label: '新城花园（深圳区域）' }]);
    expect(scopeLabel({ scopeType: 'project', scopeName: '新城花园' })).toBe('项目：新城花园');
  });
});

describe('audit log wording covers every action the server writes', () => {
  it('each `action: …` recorded by a server module has a Chinese label and a known entity type', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(join(__dirname, '../../../src/modules'));
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const actions = new Set(
      [...source.matchAll(/action: (?:[^'\n]*\? )?'([a-z_-]+\.[a-z_.-]+)'(?: : '([a-z_-]+\.[a-z_.-]+)')?/g)]
        .flatMap((m) => [m[1], m[2]])
        .filter(Boolean),
    );
    const entities = new Set([...source.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1]));
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions].filter((a) => actionLabel(a) === a)).toEqual([]);
    expect([...entities].filter((e) => entityLabel(e, null) === e)).toEqual([]);
  });
});

describe('audit values', () => {
  it('shows a bill content hash shortened to 12 digits', () => {
    const rows = diffRows({ contentHash: 'e6afa8cc266f77815d7208115aa0828d61648fc06e315a9baa50757aa' }, null);
    expect(rows[0]).toMatchObject({ field: 'contentHash', before: 'e6afa8cc266f…' });
    expect(fieldLabel('contentHash')).toBe('内容校验值');
  });
});

describe('complaint, announcement and 催单 audit rows read in Chinese', () => {
  it("shows a complaint's status, category, channel and cause from the shared glossary, not their codes", () => {
    const created = diffRows(
      null,
      { status: 'open', category: 'timeliness', ticketId: 12, channel: 'phone' },
      'complaint',
    );
    expect(created.map((r) => [fieldLabel(r.field), r.after])).toEqual([
      ['状态', '待联系'],
      ['类别', '响应不及时'],
      ['工单 ID', '12'],
      ['渠道', '电话'],
    ]);
    const resolved = diffRows(
      { status: 'contacted', version: 2, investigatorId: 5 },
      { status: 'resolved', version: 3, investigatorId: 5, cause: 'staff_fault', responsibleUserId: 9 },
      'complaint',
    );
    expect(resolved.map((r) => [fieldLabel(r.field), r.before, r.after])).toEqual([
      ['状态', '调查中', '待确认'],
      ['版本号', '2', '3'],
      ['调查人', '#5', '#5'],
      ['原因', '', '员工过失'],
      ['责任人', '', '#9'],
    ]);
    for (const [code, label] of [
      ['disputed', '有异议'],
      ['closed', '已完结'],
    ])
      expect(diffRows(null, { status: code }, 'complaint')[0].after).toBe(label);
    expect(diffRows(null, { channel: 'return_visit' }, 'complaint')[0].after).toBe('回访不满意');
    expect(entityLabel('complaint', 3)).toBe('投诉 #3');
  });

  it('names the 调查人, 责任人 and 主管 from the staff list, and keeps an unknown id as an id', () => {
    const staff = new Map([
      [5, '王芳'],
      [9, '李强'],
    ]);
    const assigned = diffRows(
      { status: 'open', investigatorId: null },
      { status: 'contacted', investigatorId: 5, responsibleUserId: 9 },
      'complaint',
      staff,
    );
    expect(assigned.map((r) => [fieldLabel(r.field), r.before, r.after])).toEqual([
      ['状态', '待联系', '调查中'],
      ['调查人', '—', '王芳'],
      ['责任人', '', '李强'],
    ]);
    expect(diffRows({ supervisorUserId: 9 }, { supervisorUserId: 77 }, 'department', staff)[0]).toMatchObject({
      before: '李强',
      after: '#77',
    });
    // Other numbers that happen to equal a staff id are left alone.
    expect(diffRows(null, { ticketId: 5, count: 9 }, 'complaint', staff).map((r) => r.after)).toEqual(['5', '9']);
  });

  it("keeps each object's own meaning of a shared code: a charge's open is 待结算, a complaint's 待联系", () => {
    expect(diffRows({ status: 'open' }, null)[0].before).toBe('待结算');
    expect(diffRows({ status: 'open' }, null, 'charge')[0].before).toBe('待结算');
    expect(diffRows({ status: 'open' }, null, 'complaint')[0].before).toBe('待联系');
    // A reminder's channel stays 站内消息 while a complaint's channel is 小程序.
    expect(diffRows(null, { channel: 'in_app' }, 'house')[0].after).toBe('站内消息');
    expect(diffRows(null, { channel: 'mini_program' }, 'complaint')[0].after).toBe('小程序');
  });

  it('labels announcement rows and the 催单 count', () => {
    const published = diffRows(
      { status: 'draft', version: 0 },
      { status: 'published', version: 1, recipientCount: 40 },
      'announcement',
    );
    expect(published.map((r) => [fieldLabel(r.field), r.before, r.after])).toEqual([
      ['状态', '草稿', '已发布'],
      ['版本号', '0', '1'],
      ['通知住户数', '', '40'],
    ]);
    expect(diffRows(null, { template: 'water' }, 'announcement').map((r) => [fieldLabel(r.field), r.after])).toEqual([
      ['模板', '停水'],
    ]);
    expect(
      diffRows({ status: 'published' }, { status: 'withdrawn' }, 'announcement').map((r) => [r.before, r.after]),
    ).toEqual([['已发布', '已撤回']]);
    expect(actionLabel('announcement.publish')).toBe('发布公告');
    expect(entityLabel('announcement', 4)).toBe('公告 #4');
    expect(actionLabel('ticket.urge')).toBe('业主催单');
    expect(diffRows(null, { urgeCount: 2 }, 'ticket').map((r) => [fieldLabel(r.field), r.after])).toEqual([
      ['催单次数', '2'],
    ]);
  });
});
