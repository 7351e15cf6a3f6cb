import { CompiledQuery, Kysely, type Compilable } from 'kysely'
import { engine, type Db } from './database.ts'
import type { Database } from './schema.ts'

/**
 * Statements on the ingest path, built with kysely once and run many times. Building and
 * compiling a query costs kysely 10–40 µs, more than SQLite takes to run it; a message runs about
 * ten of them. A `slot('name')` stands where a run-time value goes. Each is compiled by the store's
 * engine (database.ts) the first time it runs.
 */

const SLOT = '\u0000slot:'

/** Marks where the run-time parameter `name` goes; typed as whatever the column wants. */
export function slot<T = never>(name: string): T {
  return `${SLOT}${name}` as T
}

let compiler: Kysely<Database> | undefined

/** Builds queries without a connection, only to compile them, in the engine's SQL. */
function compilerOnly(): Kysely<Database> {
  return (compiler ??= new Kysely<Database>({ dialect: engine().compileOnly() }))
}

/** `build(qb)` is compiled once; the returned function binds each slot by name and runs it on `db`. */
export function prepare<P extends Record<string, unknown>, R>(build: (qb: Kysely<Database>) => Compilable<R>): (db: Db, params: P) => Promise<R[]> {
  let compiled: { sql: string; bind: { name: string | null; value: unknown }[] } | undefined
  return async (db, params) => {
    if (!compiled) {
      const { sql, parameters } = build(compilerOnly()).compile()
      compiled = {
        sql,
        bind: parameters.map((p) => ({ name: typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null, value: p })),
      }
    }
    const values = compiled.bind.map((b) => (b.name === null ? b.value : params[b.name]))
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, values))).rows
  }
}
