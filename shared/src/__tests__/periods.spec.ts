import fc from 'fast-check';
import { shanghaiDate, shanghaiMonth, shanghaiMonthStart } from '../periods';

describe('Asia/Shanghai periods', () => {
  it('puts 16:00 UTC on the last day of a month into the next Shanghai month', () => {
    expect(shanghaiMonth(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11');
    expect(shanghaiMonth(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('month start is the first instant of that month (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const month = shanghaiMonth(d);
        const start = shanghaiMonthStart(month);
        return shanghaiMonth(start) === month && shanghaiMonth(new Date(start.getTime() - 1)) !== month && start <= d;
      }),
    );
  });

  it('refuses malformed months', () => {
    expect(() => shanghaiMonthStart('2026-13')).toThrow(RangeError);
  });
});
