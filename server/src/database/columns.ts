import { ColumnOptions } from 'typeorm';

/**
 * Instants are stored as UTC DATETIME(3). Both drivers write Date objects as UTC text when the
 * connection uses timezone 'Z' (MySQL) or the SQLite driver's own UTC formatting.
 */
export const instant = (options: Partial<ColumnOptions> = {}): ColumnOptions => ({
  type: 'datetime',
  precision: 3,
  ...options,
});
