import { Tooltip } from 'antd';
import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';

/** Wide enough for a ticket serial (XFHY-261201-0001) in the console's font; a longer id ellipsizes with a tooltip. */
export const ID_COLUMN_WIDTH = 170;

interface IdColumnOptions<T> {
  width?: number;
  /** What to show instead of the bare text (a link that opens the record); the cell still stays on one line. */
  render?: (text: string, row: T) => ReactNode;
  /** Shown when the row has no id (e.g. a counter sale has no ticket). */
  empty?: (row: T) => ReactNode;
}

/**
 * One column shape for ids, serials and codes in every console table (issue 12, item 17): an id is read and
 * compared whole, so it never wraps — it keeps one line, and when the column is narrower it ends in "…"
 * with the full text in a tooltip.
 */
export function idColumn<T>(
  title: string,
  dataIndex: keyof T & string,
  options: IdColumnOptions<T> = {},
): ColumnType<T> {
  return {
    title,
    dataIndex,
    key: dataIndex,
    width: options.width ?? ID_COLUMN_WIDTH,
    className: 'id-column',
    ellipsis: { showTitle: false },
    render: (value: unknown, row: T) => {
      const text = value === null || value === undefined ? '' : String(value);
      if (!text) return options.empty ? options.empty(row) : '—';
      return (
        <Tooltip title={text} placement="topLeft">
          <span className="id-cell">{options.render ? options.render(text, row) : text}</span>
        </Tooltip>
      );
    },
  };
}
