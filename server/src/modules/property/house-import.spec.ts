import { parseCsv } from './house-import-table';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and both line endings', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps empty cells and a last line without newline', () => {
    expect(parseCsv('x,,z\n,,')).toEqual([
      ['x', '', 'z'],
      ['', '', ''],
    ]);
  });
});
