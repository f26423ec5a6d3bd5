import { rmbUpper } from './rmb-upper';

describe('rmbUpper (人民币大写 on receipts)', () => {
  it.each([
    [0, '人民币零元整'],
    [5, '人民币伍分'],
    [50, '人民币伍角'],
    [25_000, '人民币贰佰伍拾元整'],
    [25_005, '人民币贰佰伍拾元零伍分'],
    [25_030, '人民币贰佰伍拾元叁角'],
    [100_100, '人民币壹仟零壹元整'],
    [1_000_000, '人民币壹万元整'],
    [10_050_000, '人民币壹拾万零伍佰元整'],
    [1_000_000_100, '人民币壹仟万零壹元整'],
    [12_345_678_999, '人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元玖角玖分'],
  ])('%i fen → %s', (fen, text) => {
    expect(rmbUpper(fen)).toBe(text);
  });

  it('refuses what is not integer fen', () => {
    expect(() => rmbUpper(1.5)).toThrow();
    expect(() => rmbUpper(-1)).toThrow();
  });
});
