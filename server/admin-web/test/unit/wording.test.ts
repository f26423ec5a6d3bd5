import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idColumn } from '../../src/components/id-column';

/**
 * Issue 12, items 12 and 17: the console speaks the shared glossary (no raw codes, one word per thing)
 * and its id columns never wrap. Checked on the helper and on every page source.
 */
const PAGES = join(__dirname, '../../src/pages');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [{ file: path.slice(PAGES.length + 1), text: readFileSync(path, 'utf8') }] : [];
  });
}

describe('id columns (工单号, 编码) keep one line', () => {
  it('the shared column: fixed width, no wrap, ellipsis with the full id in a tooltip', () => {
    const col = idColumn<{ serial: string | null }>('工单号', 'serial');
    expect(col).toMatchObject({
      title: '工单号',
      dataIndex: 'serial',
      width: 170,
      className: 'id-column',
      ellipsis: { showTitle: false },
    });
    expect(col.render!(null, { serial: null }, 0)).toBe('—');
    const cell = col.render!('XFHY-261201-0001', { serial: 'XFHY-261201-0001' }, 0) as {
      props: { title: string; children: { props: { className: string } } };
    };
    expect(cell.props.title).toBe('XFHY-261201-0001');
    expect(cell.props.children.props.className).toBe('id-cell');
    const css = readFileSync(join(__dirname, '../../src/global.css'), 'utf8');
    expect(css).toMatch(/\.id-column,\s*\.id-cell\s*\{[^}]*white-space:\s*nowrap/);
  });

  it('every table column of an id or serial goes through idColumn', () => {
    const offenders = sources(PAGES).flatMap(({ file, text }) =>
      [...text.matchAll(/title:\s*'(工单号|编码|代码|单号|流水号)'/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('one wording (the glossary in @app/shared)', () => {
  it('no page spells urgency, ratings or the ticket type its own way', () => {
    const offenders = sources(PAGES).flatMap(({ file, text }) => [
      ...[...text.matchAll(/label: '普通'|'总体'|>总体 |（收费）|（免费）/g)].map((m) => `${file}: ${m[0]}`),
      // A code in brackets after a category name ("供水设备维修类（GS）") outside the editors that edit codes.
      ...(/price-lists|categories\//.test(file)
        ? []
        : [...text.matchAll(/（\$\{c\.code\}）/g)].map((m) => `${file}: ${m[0]}`)),
      // A signature's relation is a code (owner): it must be looked up, never printed.
      ...[...text.matchAll(/（\{s\.relation\}）/g)].map((m) => `${file}: ${m[0]}`),
    ]);
    expect(offenders).toEqual([]);
  });
});
