import { CompiledQuery, Kysely } from 'kysely'
import type { ConnectOptions, StoreDialect } from './dialect/dialect.ts'
import { sqlite } from './dialect/sqlite.ts'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>

export type OpenOptions = ConnectOptions

/** The engine the store runs on: the only place that names it. */
const dialect: StoreDialect = sqlite

/** The engine, for what compiles its SQL ahead of a connection (prepared.ts). */
export function engine(): StoreDialect {
  return dialect
}

/** Opens (creating if needed) the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  return new Kysely<Database>({ dialect: dialect.connect(path, options) })
}

/** Runs `work` in a transaction, or inside the caller's when `db` already is one (kysely does not nest). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

/** Reads in one snapshot without taking the write lock (the 台账 export's four sheets, say). */
export function inReadTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().setAccessMode('read only').execute(work)
}

/**
 * The database refused the work for a reason of its own (locked by another process, the disk full,
 * an I/O or permission failure): the work is sound and must be tried again later, never answered
 * as if the message were at fault.
 */
export function isStorageFault(error: unknown): boolean {
  return dialect.isStorageFault(error)
}

/** Runs `work` on one connection that fails at once instead of waiting for another's write lock. */
export function withoutWaiting<T>(db: Db, work: (connection: Db) => Promise<T>): Promise<T> {
  return dialect.withoutWaiting(db, work)
}

const SAVEPOINT = CompiledQuery.raw('savepoint work')
const RELEASE = CompiledQuery.raw('release savepoint work')
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint work')

/**
 * Runs `work` inside the caller's transaction under a savepoint: when it throws, everything it
 * wrote is taken back and the error is rethrown, while the transaction itself goes on (the other
 * messages of a batch keep what they did).
 */
export async function underSavepoint<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await db.executeQuery(SAVEPOINT)
  try {
    const result = await work()
    await db.executeQuery(RELEASE)
    return result
  } catch (error) {
    try {
      await db.executeQuery(ROLLBACK_TO)
      await db.executeQuery(RELEASE)
    } catch (rollback) {
      // The engine already took the whole transaction back (a full disk): the first error is the news.
      if (!isStorageFault(error)) throw rollback
    }
    throw error
  }
}
