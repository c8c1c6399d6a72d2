import type { CreateTableBuilder } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely */
export type Table = CreateTableBuilder<any, any>;

export const text = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'text', (c) => c.notNull()), t);
export const optionalText = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'text'), t);
export const bigint = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'bigint', (c) => c.notNull()), t);
export const optionalBigint = (t: Table, ...names: string[]) =>
  names.reduce((b, n) => b.addColumn(n, 'bigint'), t);
export const flag = (t: Table, name: string, initial = 0) =>
  t.addColumn(name, 'integer', (c) => c.notNull().defaultTo(initial));
export const id = (t: Table) => t.addColumn('id', 'text', (c) => c.primaryKey());
