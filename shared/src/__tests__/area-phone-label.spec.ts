import fc from 'fast-check';
import { formatArea, parseAreaToHundredths } from '../area';
import { houseLabel, parseHouseSearch } from '../house-label';
import { isMainlandMobile, maskPhone } from '../phone';
import { isRole, Role, ROLE_LABELS } from '../roles';

describe('areas in hundredths of m²', () => {
  it('parses and formats', () => {
    expect(parseAreaToHundredths('89.5')).toBe(8950);
    expect(formatArea(8950)).toBe('89.50 m²');
    expect(parseAreaToHundredths('0')).toBeNull();
    expect(parseAreaToHundredths('-3')).toBeNull();
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        (h) => parseAreaToHundredths(formatArea(h).replace(' m²', '')) === h,
      ),
    );
  });
});

describe('phones', () => {
  it('masks the middle four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('recognises mainland mobiles only', () => {
    expect(isMainlandMobile('13912345678')).toBe(true);
    expect(isMainlandMobile('12912345678')).toBe(false);
    expect(isMainlandMobile('1391234567')).toBe(false);
  });

  it('never leaks more than seven digits of a mobile (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => (maskPhone(phone).match(/\d/g) ?? []).length === 7),
    );
  });
});

describe('labels and roles', () => {
  it('builds the house label shown everywhere', () => {
    expect(houseLabel('3栋', '1单元', '1201')).toBe('3栋1单元1201');
  });

  it('splits a typed house search the way labels are built', () => {
    expect(parseHouseSearch('3栋1单元1201')).toEqual({ building: '3栋', unit: '1单元', room: '1201' });
    expect(parseHouseSearch(' 3栋 1201')).toEqual({ building: '3栋', unit: null, room: '1201' });
    expect(parseHouseSearch('1单元12')).toEqual({ building: null, unit: '1单元', room: '12' });
    expect(parseHouseSearch('1201')).toEqual({ building: null, unit: null, room: '1201' });
    expect(parseHouseSearch('3栋')).toEqual({ building: '3栋', unit: null, room: '' });
  });

  it('has a Chinese label for every role and recognises roles', () => {
    for (const role of Object.values(Role)) expect(ROLE_LABELS[role]).toMatch(/[\u4e00-\u9fa5]/);
    expect(isRole('cashier')).toBe(true);
    expect(isRole('owner')).toBe(false);
  });
});
