import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely'
import type { Db } from './database.ts'
import type { Database } from './schema.ts'

/**
 * Statements on the ingest path, built with kysely once and run many times. Building and
 * compiling a query costs kysely 10–40 µs, more than SQLite takes to run it; a message runs about
 * ten of them. A `slot('name')` stands where a run-time value goes.
 */

/** Builds queries without a connection, only to compile them. */
export const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})

const SLOT = '\u0000slot:'

/** Marks where the run-time parameter `name` goes; typed as whatever the column wants. */
export function slot<T = never>(name: string): T {
  return `${SLOT}${name}` as T
}

/** Compiles `query` once; the returned function binds each slot by name and runs it on `db`. */
export function prepare<P extends Record<string, unknown>, R>(query: Compilable<R>): (db: Db, params: P) => Promise<R[]> {
  const { sql, parameters } = query.compile()
  const bind = parameters.map((p) => ({
    name: typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null,
    value: p,
  }))
  return async (db, params) => {
    const values = bind.map((b) => (b.name === null ? b.value : params[b.name]))
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, values))).rows
  }
}
