import { TableColumnOptions } from 'typeorm';

/** Column builders that produce the same schema on MySQL/MariaDB and SQLite. */
export const col = {
  id: (): TableColumnOptions => ({
    name: 'id',
    type: 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  }),
  int: (name: string, opts: { nullable?: boolean; default?: number } = {}): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: opts.nullable ?? false,
    default: opts.default,
  }),
  str: (name: string, length: number, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: opts.nullable ?? false,
    default: opts.default === undefined ? undefined : `'${opts.default}'`,
  }),
  text: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
    name,
    type: 'text',
    isNullable: opts.nullable ?? false,
  }),
  bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
    name,
    type: 'boolean',
    isNullable: false,
    default: defaultValue ? 1 : 0,
  }),
  instant: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: opts.nullable ?? false,
  }),
};
