import { sql, type RawBuilder } from 'kysely'

/**
 * A LIMIT written into the SQL instead of bound as a parameter. SQLite runs `ORDER BY … LIMIT ?`
 * far slower than the same query with the number written in (a project's latest resolved issues:
 * 35 µs against 4 µs, measured on SQLite 3.53), and the limits here are small whole numbers of
 * our own, never user text.
 */
export function literalLimit(n: number): RawBuilder<number> {
  return sql.lit(Math.max(0, Math.trunc(n)))
}
