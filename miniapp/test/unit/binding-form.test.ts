import { describe, expect, it } from 'vitest';
import {
  emptyDraft,
  fieldErrorsFromServer,
  hasErrors,
  normalizePhone,
  toBindingRequest,
  validateBindingDraft,
  type IBindingDraft,
} from '../../src/packages/resident/utils/binding-form';

const complete: IBindingDraft = { houseId: 151, relation: 'family', name: ' 李娜 ', phone: '138 0000 1002' };

describe('binding form', () => {
  it('names every missing field of an empty draft', () => {
    expect(validateBindingDraft(emptyDraft())).toEqual({
      houseId: '请选择房屋（小区、楼栋、单元、房号）',
      relation: '请选择与房屋的关系',
      name: '请填写姓名',
      phone: '请填写手机号',
    });
  });

  it('accepts a complete draft and sends it trimmed, with digits only', () => {
    expect(hasErrors(validateBindingDraft(complete))).toBe(false);
    expect(toBindingRequest(complete)).toEqual({
      houseId: 151,
      relation: 'family',
      name: '李娜',
      phone: '13800001002',
    });
  });

  it.each([
    ['10 digits', '1380000100'],
    ['12 digits', '138000010021'],
    ['a landline-looking number', '02188886666'],
    ['a second digit 2', '12800001002'],
    ['letters', '138abcd1002'],
  ])('rejects a phone with %s', (_name, phone) => {
    expect(validateBindingDraft({ ...complete, phone }).phone).toBe('请填写有效的 11 位手机号');
  });

  it('rejects a blank or overlong name', () => {
    expect(validateBindingDraft({ ...complete, name: '   ' }).name).toBe('请填写姓名');
    expect(validateBindingDraft({ ...complete, name: '张'.repeat(33) }).name).toBe('姓名不能超过 32 个字符');
    expect(validateBindingDraft({ ...complete, name: '张'.repeat(32) }).name).toBeUndefined();
  });

  it('normalizes pasted phone numbers', () => {
    expect(normalizePhone('138-0000-1002')).toBe('13800001002');
  });

  it('places server field messages next to their fields and the rest on the form', () => {
    expect(
      fieldErrorsFromServer([
        { field: 'phone', message: '请填写有效的 11 位手机号' },
        { field: 'name', message: '请填写姓名' },
        { field: 'houseId', message: 'houseId 必须是正整数' },
        { field: 'extra', message: '不允许的字段' },
      ]),
    ).toEqual({
      phone: '请填写有效的 11 位手机号',
      name: '请填写姓名',
      houseId: 'houseId 必须是正整数',
      form: '不允许的字段',
    });
  });

  it('refuses to build a request from an incomplete draft', () => {
    expect(() => toBindingRequest({ ...complete, houseId: null })).toThrow();
  });
});
