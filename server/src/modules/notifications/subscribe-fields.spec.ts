import fc from 'fast-check';
import { buildData, chinaTime, clean, fieldType, fieldValue } from './subscribe-fields';

// CJK compatibility ideographs (U+F900–FAFF, e.g. 豈) are Chinese characters too; the first CI run that drew one failed.
const CHINESE = /[\u3400-\u9fff\uf900-\ufaff]/;
const len = (s: string) => [...s].length;

/** What WeChat checks (wechat.md §A4) for the types our templates use. */
function accepted(key: string, v: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!v || /[\u0000-\u001f\u007f]/.test(v)) return false;
  switch (fieldType(key)) {
    case 'thing':
      return len(v) <= 20;
    case 'character_string':
      return len(v) <= 32 && !CHINESE.test(v);
    case 'phrase':
      return len(v) <= 5 && [...v].every((c) => CHINESE.test(c));
    case 'name':
      return CHINESE.test(v) ? len(v) <= 10 : len(v) <= 20;
    case 'number':
      return /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32;
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(v);
    case 'phone_number':
      return len(v) <= 17;
    case 'car_number':
      return len(v) <= 8;
    case 'symbol':
      return len(v) <= 5;
    default:
      return true;
  }
}

const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^[\u4e00-\u9fa5a-zA-Z0-9 \n\t,.-]{0,60}$/),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const keys = [
  'thing1',
  'character_string2',
  'phrase3',
  'name4',
  'number5',
  'letter6',
  'phone_number7',
  'car_number8',
  'symbol9',
];

describe('subscribe-message field values (wechat.md §A4)', () => {
  it('whatever the input, a value is either refused (null) or one WeChat accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), anyText, (key, raw) => {
        const v = fieldValue(key, raw);
        return v === null || accepted(key, v);
      }),
      { numRuns: 2000 },
    );
  });

  it('truncates a long description to 20 characters and strips newlines and control characters', () => {
    const v = fieldValue('thing1', '厨房水龙头漏水\n已经三天了，地面全是水，请尽快上门处理谢谢\u0007');
    expect(v).toBe('厨房水龙头漏水 已经三天了，地面全是水，');
    expect(len(v!)).toBe(20);
    expect(clean(' a\r\nb\tc ')).toBe('a b c');
  });

  it('keeps serials without Chinese, phrases Chinese-only, names within their limit', () => {
    expect(fieldValue('character_string2', 'YGHY-261201-0003')).toBe('YGHY-261201-0003');
    expect(fieldValue('character_string2', '工单YGHY-1')).toBe('YGHY-1');
    expect(fieldValue('phrase4', '已派单')).toBe('已派单');
    expect(fieldValue('phrase4', '等待业主确认报价')).toBe('等待业主确');
    expect(fieldValue('phrase4', 'OK')).toBeNull();
    expect(fieldValue('phrase3', '\uf900')).toBe('\uf900');
    expect(fieldValue('name4', '王师傅 (水电)')).toBe('王师傅水电');
    expect(fieldValue('thing1', '   ')).toBeNull();
  });

  it('formats times in China time, which the time type accepts', () => {
    const at = chinaTime(new Date('2026-11-01T07:01:00Z'));
    expect(at).toBe('2026-11-01 15:01');
    expect(fieldValue('time3', at)).toBe(at);
    expect(fieldValue('time3', '下午三点')).toBeNull();
  });

  it('refuses a whole message when one key cannot be made valid, naming it', () => {
    expect(buildData({ thing1: '漏水', phrase2: '!!!' })).toEqual({ invalid: 'phrase2' });
    expect(buildData({ thing1: '漏水', phrase2: '已受理' })).toEqual({
      data: { thing1: { value: '漏水' }, phrase2: { value: '已受理' } },
    });
    expect(fieldValue('unknown1', 'x')).toBeNull();
  });
});
