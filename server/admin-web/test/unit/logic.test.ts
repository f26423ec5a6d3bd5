import { describe, expect, it } from 'vitest';
import type { IBuildingSummary, ITechnicianProfile } from '@app/shared';
import { ApiError } from '../../src/api/api-error';
import { formatDateTime, greetingFor } from '../../src/lib/time';
import { loginErrorMessage } from '../../src/pages/login/login-errors';
import { managerCoverage } from '../../src/pages/home/coverage';
import { checkImportFile, importOutcome } from '../../src/pages/houses/import-outcome';
import { applyPatch, replaceProfile, rollbackPatch } from '../../src/pages/technicians/optimistic';
import { reviewFailure } from '../../src/pages/bindings/review-errors';

describe('Shanghai time', () => {
  it('formats UTC instants in Asia/Shanghai (UTC+8), across the date line', () => {
    expect(formatDateTime('2026-03-01T16:05:00Z')).toBe('2026-03-02 00:05');
    expect(formatDateTime('2026-03-01T01:00:00.000Z')).toBe('2026-03-01 09:00');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a date')).toBe('');
  });

  it('greets by the Shanghai hour, not the machine zone', () => {
    expect(greetingFor(new Date('2026-03-01T01:00:00Z'))).toBe('上午好'); // 09:00 in Shanghai
    expect(greetingFor(new Date('2026-03-01T12:00:00Z'))).toBe('晚上好'); // 20:00
  });
});

describe('login error messages', () => {
  const err = (status: number, code: string, details?: unknown) =>
    new ApiError(code, 'server text', status, details, 'r');

  it('says which way the sign-in failed', () => {
    expect(loginErrorMessage(err(401, 'INVALID_CREDENTIALS'))).toBe(
      '账号或密码错误；连续输错多次后账号会临时锁定，请稍后再试或联系管理员',
    );
    expect(loginErrorMessage(err(429, 'RATE_LIMITED'))).toBe('登录尝试过于频繁，请稍后再试');
    expect(loginErrorMessage(err(429, 'RATE_LIMITED', { retryAfterSeconds: 30 }))).toBe(
      '登录尝试过于频繁，请 30 秒后再试',
    );
    expect(loginErrorMessage(new Error('x'))).toBe('登录失败，请稍后重试');
  });

  it('tells a locked account when it unlocks, in Shanghai time', () => {
    expect(loginErrorMessage(err(423, 'ACCOUNT_LOCKED', { lockedUntil: '2026-03-01T02:30:00Z' }))).toBe(
      '密码错误次数过多，账号已临时锁定，将于 2026-03-01 10:30 自动解锁',
    );
    expect(loginErrorMessage(err(423, 'ACCOUNT_LOCKED', { retryAfterSeconds: 900 }))).toContain('约 15 分钟后自动解锁');
    expect(loginErrorMessage(err(423, 'ACCOUNT_LOCKED'))).toContain('请稍后再试或联系管理员');
  });
});

describe('customer manager coverage', () => {
  const building = (id: number, managers: number): IBuildingSummary => ({
    id,
    projectId: 1,
    name: `${id}栋`,
    units: [],
    customerManagers: Array.from({ length: managers }, (_, i) => ({ userId: i + 1, name: 'm' })),
  });

  it('rounds down so one unassigned building never shows 100%', () => {
    const many = [...Array.from({ length: 199 }, (_, i) => building(i, 1)), building(999, 0)];
    expect(managerCoverage(many)).toEqual({ covered: 199, total: 200, percent: 99 });
    expect(managerCoverage([])).toEqual({ covered: 0, total: 0, percent: 0 });
  });
});

describe('house import outcome', () => {
  const result = { dryRun: true, totalRows: 3, created: 2, updated: 1, errors: [] };

  it('reads bad rows from a 422 IMPORT_INVALID or from a result with errors', () => {
    const rowErrors = { ...result, errors: [{ row: 3, field: '建筑面积', message: '必须大于 0' }] };
    expect(importOutcome({ error: new ApiError('IMPORT_INVALID', 'bad', 422, rowErrors) })).toEqual({
      kind: 'invalid',
      result: rowErrors,
    });
    expect(importOutcome({ result: rowErrors }).kind).toBe('invalid');
    expect(importOutcome({ result })).toEqual({ kind: 'ok', result });
  });

  it('reports other failures as a message', () => {
    expect(importOutcome({ error: new ApiError('PAYLOAD_TOO_LARGE', '文件过大', 413) })).toEqual({
      kind: 'failed',
      message: '文件过大',
    });
    expect(importOutcome({ error: new ApiError('IMPORT_INVALID', '格式错误', 422, { nope: 1 }) })).toEqual({
      kind: 'failed',
      message: '格式错误',
    });
  });

  it('checks extension and size before uploading', () => {
    expect(checkImportFile({ name: 'houses.XLSX', size: 100 })).toBeNull();
    expect(checkImportFile({ name: 'houses.csv', size: 100 })).toBeNull();
    expect(checkImportFile({ name: 'houses.xls', size: 100 })).toContain('.xlsx');
    expect(checkImportFile({ name: 'a.csv', size: 0 })).toBe('文件是空的');
    expect(checkImportFile({ name: 'a.csv', size: 11 * 1024 * 1024 })).toContain('10 MB');
  });
});

describe('technician optimistic edits', () => {
  const tech: ITechnicianProfile = {
    userId: 5,
    name: '王师傅',
    phoneMasked: '138****0001',
    department: '工程部',
    skills: ['水'],
    buildingIds: [1],
    onDuty: true,
    maxOpenJobs: 3,
  };
  const other = { ...tech, userId: 6 };

  it('applies a patch to one row only', () => {
    const list = applyPatch([tech, other], 5, { onDuty: false });
    expect(list[0].onDuty).toBe(false);
    expect(list[1]).toBe(other);
  });

  it('rolls back a failed patch', () => {
    const list = applyPatch([tech, other], 5, { skills: ['水', '电'], onDuty: false });
    expect(rollbackPatch(list, tech, { skills: ['水', '电'], onDuty: false })[0]).toEqual(tech);
  });

  it('keeps a later edit of the same field when an earlier save fails', () => {
    let list = applyPatch([tech], 5, { maxOpenJobs: 4 });
    list = applyPatch(list, 5, { maxOpenJobs: 6 });
    expect(rollbackPatch(list, tech, { maxOpenJobs: 4 })[0].maxOpenJobs).toBe(6);
  });

  it('replaces the row with the server answer', () => {
    expect(replaceProfile([tech, other], { ...tech, maxOpenJobs: 9 })[0].maxOpenJobs).toBe(9);
  });
});

describe('binding review failures', () => {
  it('treats 409 STATE_CONFLICT as handled by someone else', () => {
    expect(reviewFailure(new ApiError('STATE_CONFLICT', 'x', 409, { current: 'approved' }))).toEqual({
      conflict: true,
      message: '已被他人处理，列表已刷新',
    });
    expect(reviewFailure(new ApiError('FORBIDDEN', '无权操作', 403))).toEqual({ conflict: false, message: '无权操作' });
  });
});
