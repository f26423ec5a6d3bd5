import { mulDivRoundHalfUp } from '@app/shared';
import { areaText } from '../../src/modules/billing/run/sources/items-in-force';
import { plainMilli } from '../../src/modules/billing/inputs/sources/batch';
import { areaTextSql, dialectOf, halfUpDivSql, plainMilliSql } from '../../src/modules/billing/run/sql';
import { bootTestApp, TestApp } from '../support/test-app';

/**
 * The bill run computes 物业服务费 amounts and quantity texts in SQL (run/sql.ts). They must equal the shared
 * JS rules (mulDivRoundHalfUp / areaFeeFen, areaText) on this engine, to the fen, including exact halves,
 * negative products and the largest areas property accepts.
 */
describe('bill run SQL: half-up rounding and area text equal the shared rules', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const areas = [0, 1, 10, 49, 50, 51, 99, 100, 101, 150, 250, 8905, 8950, 8951, 10_050, 12_345, 19_999, 10_000_000];
  const prices = [0, 1, 2, 50, 99, 235, 417, 487, 1500, 9999, 123_456];

  it('area × price ÷ 100 half up, and ÷ 1000 (quantities), for every pair and its negative', async () => {
    const manager = t.db.manager;
    const dialect = dialectOf(manager);
    const pairs = areas.flatMap((a) =>
      prices.flatMap((p) => [
        [a, p],
        [-a, p],
        [a, -p],
      ]),
    );
    for (let i = 0; i < pairs.length; i += 100) {
      const chunk = pairs.slice(i, i + 100);
      // Integer literals, as the run writes them: bound numbers would be REAL on SQLite.
      const select = chunk
        .map(
          ([a, p]) =>
            `SELECT ${halfUpDivSql(dialect, `${a} * ${p}`, 100)} AS h, ${halfUpDivSql(dialect, `${a} * ${p}`, 1000)} AS q`,
        )
        .join(' UNION ALL ');
      const rows: { h: unknown; q: unknown }[] = await manager.query(select);
      expect(rows.map((r) => [Number(r.h), Number(r.q)])).toEqual(
        chunk.map(([a, p]) => [mulDivRoundHalfUp(a, p, 100), mulDivRoundHalfUp(a, p, 1000)]),
      );
    }
  });

  it('area text as areaText writes it', async () => {
    const manager = t.db.manager;
    const dialect = dialectOf(manager);
    const select = areas.map((a) => `SELECT ${areaTextSql(dialect, String(a))} AS text`).join(' UNION ALL ');
    const rows: { text: string }[] = await manager.query(
      select,
      areas.map(() => ' ㎡'),
    );
    expect(rows.map((r) => r.text)).toEqual(areas.map(areaText));
  });

  it('quantity text (thousandths) as plainMilli writes it, trailing zeros dropped', async () => {
    const manager = t.db.manager;
    const dialect = dialectOf(manager);
    const milli = [
      0, 1, 9, 10, 11, 99, 100, 101, 110, 500, 999, 1000, 1001, 1010, 1100, 1500, 2000, 12_345, 12_340, 999_999_999,
    ];
    const rows: { text: unknown }[] = await manager.query(
      milli.map((m) => `SELECT ${plainMilliSql(dialect, String(m))} AS text`).join(' UNION ALL '),
    );
    expect(rows.map((r) => String(r.text))).toEqual(milli.map(plainMilli));
  });
});
