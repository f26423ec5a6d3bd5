import { readingOutcome } from './reading-rule';

describe('meter reading rule', () => {
  it('a first reading is the baseline; later ones bill the difference', () => {
    expect(readingOutcome({ readingMilli: 100_000, meterChanged: false, startMilli: null, lastMilli: null })).toEqual({
      ok: true,
      previousMilli: 100_000,
      consumptionMilli: 0,
    });
    expect(
      readingOutcome({ readingMilli: 112_345, meterChanged: false, startMilli: null, lastMilli: 100_000 }),
    ).toEqual({ ok: true, previousMilli: 100_000, consumptionMilli: 12_345 });
    expect(
      readingOutcome({ readingMilli: 100_000, meterChanged: false, startMilli: null, lastMilli: 100_000 }),
    ).toMatchObject({ ok: true, consumptionMilli: 0 });
  });

  it('refuses a lower reading, naming 本期读数, unless the meter was changed with a start reading', () => {
    expect(
      readingOutcome({ readingMilli: 99_999, meterChanged: false, startMilli: null, lastMilli: 100_000 }),
    ).toMatchObject({ ok: false, field: '本期读数' });
    expect(
      readingOutcome({ readingMilli: 5_000, meterChanged: true, startMilli: null, lastMilli: 100_000 }),
    ).toMatchObject({ ok: false, field: '新表起始读数' });
    expect(
      readingOutcome({ readingMilli: 5_000, meterChanged: true, startMilli: 6_000, lastMilli: 100_000 }),
    ).toMatchObject({ ok: false, field: '本期读数' });
    expect(readingOutcome({ readingMilli: 5_000, meterChanged: true, startMilli: 1_000, lastMilli: 100_000 })).toEqual({
      ok: true,
      previousMilli: 1_000,
      consumptionMilli: 4_000,
    });
    expect(
      readingOutcome({ readingMilli: 5_000, meterChanged: false, startMilli: 1_000, lastMilli: 1_000 }),
    ).toMatchObject({ ok: false, field: '换表' });
  });
});
