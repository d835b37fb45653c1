/** The few column types that differ between the two dialects; the only dialect branch migrations see. */
import type { ColumnDefinitionBuilder } from 'kysely';

export interface ColumnTypes {
  /** `bytea` on PostgreSQL, `blob` on SQLite. */
  readonly binary: 'bytea' | 'blob';
  /** An auto-incrementing integer primary key. */
  readonly autoId: {
    readonly type: 'bigserial' | 'integer';
    readonly build: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  };
}

export type Dialect = 'sqlite' | 'postgres';

export const COLUMN_TYPES: Readonly<Record<Dialect, ColumnTypes>> = Object.freeze({
  sqlite: { binary: 'blob', autoId: { type: 'integer', build: (c) => c.primaryKey().autoIncrement() } },
  postgres: { binary: 'bytea', autoId: { type: 'bigserial', build: (c) => c.primaryKey() } },
});
