import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number
}

/**
 * Opens (creating if needed) the SQLite file. A new file is created readable by its owner only:
 * it holds what officials said in their groups. WAL lets the bot's reader queries and a backup run
 * beside a write; `synchronous = NORMAL` is the WAL setting SQLite recommends (a power cut can lose
 * the last commits, never corrupt the file).
 */
export function openSqlite(path: string, options: OpenOptions = {}): SQLite.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true })
    try {
      closeSync(openSync(path, 'wx', 0o600))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return sqlite
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(path, options) }) })
}

/** Runs `work` in a transaction, or inside the caller's when `db` already is one (kysely does not nest). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
