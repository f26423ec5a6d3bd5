import { describe, expect, it } from 'vitest';
import { buildCategoryRequest, ruleSummary } from '../../src/pages/categories/category-logic';
import { categoryLabel, categoryOptions, techFits } from '../../src/pages/tickets/categories';

const cat = (code: string, name: string, over: object = {}) => ({
  code,
  name,
  skills: ['水'],
  openToAll: false,
  sortOrder: 1,
  configured: true,
  ...over,
});

describe('类别与技能 (company category rules)', () => {
  it('a rule is either skills or explicitly open to all — never neither', () => {
    const draft = {
      code: 'gs',
      name: ' 供水设备维修类 ',
      skills: ['水', '水', '管道疏通'],
      openToAll: false,
      sortOrder: 2,
    };
    expect(buildCategoryRequest(7, draft)).toEqual({
      ok: true,
      body: { companyId: 7, name: '供水设备维修类', skills: ['水', '管道疏通'], openToAll: false, sortOrder: 2 },
    });
    expect(buildCategoryRequest(7, { ...draft, skills: [] })).toMatchObject({ ok: false, field: 'skills' });
    expect(buildCategoryRequest(7, { ...draft, skills: ['电'], openToAll: true })).toEqual({
      ok: true,
      body: { companyId: 7, name: '供水设备维修类', skills: [], openToAll: true, sortOrder: 2 },
    });
    expect(buildCategoryRequest(7, { ...draft, name: '  ' })).toMatchObject({ ok: false, field: 'name' });
    expect(buildCategoryRequest(7, { ...draft, code: 'bad code' })).toMatchObject({ ok: false, field: 'code' });
  });

  it('flags a category without a rule; describes the others', () => {
    expect(ruleSummary({ configured: false, openToAll: false, skills: [] })).toEqual({
      text: '未设置：不会派给任何师傅',
      flagged: true,
    });
    expect(ruleSummary({ configured: true, openToAll: true, skills: [] }).flagged).toBe(false);
    expect(ruleSummary({ configured: true, openToAll: false, skills: ['水', '电'] }).text).toBe('需要技能：水、电');
  });

  it('labels and options come from the company data, not constants', () => {
    const list = [
      cat('GS', '给排水维修'),
      cat('XY', '保温工程类', { configured: false, skills: [] }),
      cat('DY', '打字复印类', { openToAll: true, skills: [] }),
    ];
    expect(categoryLabel('GS', list)).toBe('给排水维修');
    expect(categoryLabel('公共设施', list)).toBe('公共设施');
    // Only configured categories can be chosen for a ticket.
    expect(categoryOptions(list).map((o) => o.value)).toEqual(['GS', 'DY']);
    expect(techFits(list[0], ['水'])).toBe(true);
    expect(techFits(list[0], ['电'])).toBe(false);
    expect(techFits(list[1], ['水'])).toBe(false);
    expect(techFits(list[2], ['绿化'])).toBe(true);
  });
});
