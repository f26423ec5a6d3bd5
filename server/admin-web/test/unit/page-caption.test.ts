import { describe, expect, it } from 'vitest';
import { pageCaption } from '../../src/lib/page-caption';

describe('list pages (one page shape { items, total, page, pageSize })', () => {
  it('titles a work list with its total and says when only the first page is shown', () => {
    expect(pageCaption('待派工单', undefined)).toBe('待派工单');
    expect(pageCaption('待派工单', { items: [1, 2], total: 2, page: 1, pageSize: 200 })).toBe('待派工单（2）');
    expect(pageCaption('整改任务', { items: new Array(200).fill(0), total: 250, page: 1, pageSize: 200 })).toBe(
      '整改任务（共 250 条，显示前 200 条）',
    );
  });
});
