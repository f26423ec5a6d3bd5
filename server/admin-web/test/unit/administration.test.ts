import { describe, expect, it } from 'vitest';
import type { IOrganization, Role } from '@app/shared';
import { buildMenu, canOpen, pageByKey } from '../../src/layout/access';
import { actionLabel, diffRows, entityLabel, fieldLabel } from '../../src/pages/admin/audit-diff';
import { scopeLabel, scopeOptions, scopeTypesFor } from '../../src/pages/admin/grant-logic';

const labels = (roles: Role[]) => buildMenu(roles).flatMap((g) => g.items.map((i) => i.label));

describe('administration pages in the menu', () => {
  it('admin gets the 系统管理 group; the change-password page is reachable but never listed', () => {
    const admin = buildMenu(['admin']).find((g) => g.key === 'admin');
    expect(admin?.items.map((i) => i.label)).toEqual(['组织架构', '员工账号与权限', '审计日志']);
    expect(labels(['admin'])).not.toContain('修改密码');
  });

  it('no other role opens an administration page, every staff role may change its password', () => {
    const others: Role[] = ['customer_manager', 'supervisor', 'technician', 'project_manager', 'cashier', 'finance', 'quality'];
    for (const role of others) {
      for (const key of ['organization', 'staff-accounts', 'audit-log'] as const) expect(canOpen(pageByKey(key), [role])).toBe(false);
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
    expect(diffRows({ grants: ['a'] }, { grants: [] })).toEqual([{ field: 'grants', before: 'a', after: '（空）', changed: true }]);
    expect(diffRows(undefined, undefined)).toEqual([]);
    expect(actionLabel('staff.grant')).toBe('授予角色');
    expect(actionLabel('charge.waive')).toBe('费用减免');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('reads in Chinese: field names, money in yuan, enum values, booleans and quote lines (the page showed amountFen, open, true and JSON)', () => {
    const rows = diffRows(
      { status: 'open', paymentMethod: 'bill' },
      { status: 'cash_collected', paymentMethod: 'cash', amountFen: 1780, residentConfirmed: true, lines: [{ kind: 'labour', name: '更换灯泡/灯管', quantityMilli: 2000, amountFen: 1000 }] },
    );
    expect(rows.map((r) => [fieldLabel(r.field), r.before, r.after])).toEqual([
      ['状态', '待结算', '现金已收（待交款）'],
      ['付款方式', '计入月度物业账单', '现场现金'],
      ['金额', '', '¥17.80'],
      ['住户已确认', '', '是'],
      ['明细', '', '更换灯泡/灯管 × 2 ¥10.00'],
    ]);
    expect(entityLabel('charge', 7)).toBe('费用 #7');
    expect(diffRows(null, { paidBy: 'wechat', agreementRef: 'signature:12' }).map((r) => r.after)).toEqual(['微信', '签字记录 #12']);
    const published = diffRows(null, { publishedAt: '2026-12-01T11:44:04.816Z', materialsExtra: true, kind: 'fee_schedule' });
    expect(published.map((r) => [fieldLabel(r.field), r.after])).toEqual([['发布时间', '2026/12/1 19:44:04'], ['材料另计', '是'], ['类型', '收费标准']]);
  });
});

describe('grant choices', () => {
  const org: IOrganization = {
    companyId: 7,
    companyName: '启航物业',
    regions: [{ id: 1, code: 'SZ', name: '深圳区域', projects: [{ id: 11, regionId: 1, code: 'XC', name: '新城花园', address: '' }] }],
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
    const { readdirSync, readFileSync, statSync } = await import('node:fs')
    const { join } = await import('node:path')
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path)
      }
    }
    walk(join(__dirname, '../../../src/modules'))
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n')
    const actions = new Set([...source.matchAll(/action: (?:[^'\n]*\? )?'([a-z_-]+\.[a-z_.-]+)'(?: : '([a-z_-]+\.[a-z_.-]+)')?/g)].flatMap((m) => [m[1], m[2]]).filter(Boolean))
    const entities = new Set([...source.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1]))
    expect(actions.size).toBeGreaterThan(30)
    expect([...actions].filter((a) => actionLabel(a) === a)).toEqual([])
    expect([...entities].filter((e) => entityLabel(e, null) === e)).toEqual([])
  })
})

describe('audit values', () => {
  it('shows a bill content hash shortened to 12 digits', () => {
    const rows = diffRows({ contentHash: 'e6afa8cc266f77815d7208115aa0828d61648fc06e315a9baa50757aa' }, null)
    expect(rows[0]).toMatchObject({ field: 'contentHash', before: 'e6afa8cc266f…' })
    expect(fieldLabel('contentHash')).toBe('内容校验值')
  })
})
