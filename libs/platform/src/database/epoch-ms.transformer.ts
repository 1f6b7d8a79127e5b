import { ValueTransformer } from 'typeorm';

/**
 * Times are stored as epoch milliseconds (bigint) so SQLite and PostgreSQL compare, index and sort them the
 * same way; PostgreSQL returns bigint as a string, hence Number().
 */
export const epochMs: ValueTransformer = {
  to: (value: Date | number | null | undefined) =>
    value === null || value === undefined ? value : value instanceof Date ? value.getTime() : value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : new Date(Number(value))),
};

/** Column options for a stored moment. */
export const timeColumn = { type: 'bigint', transformer: epochMs } as const;
export const nullableTimeColumn = { type: 'bigint', transformer: epochMs, nullable: true } as const;
