import { closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect, type SqliteDatabase } from 'kysely'
import { ProfiledCompiler, profiledStatement, type QueryProfile } from './query-profile.ts'
import type { Database } from './schema.ts'

export type Db = Kysely<Database>

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number
  /** Counts SQLite's and kysely's time (`npm run bench`); costs a little, so the bot passes none. */
  profile?: QueryProfile
  /** SQLite's page cache in MiB: 64 by default, so that the bot keeps a city's ledger in memory. */
  cacheMiB?: number
  /** A database thrown away after use (`npm run replay`): never waits for the disk (no fsync). */
  throwaway?: boolean
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
  sqlite.pragma(options.throwaway ? 'synchronous = OFF' : 'synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // 64 MiB of page cache (SQLite's default is 2): a city's ledger then stays in memory between
  // queries. A tool that reads everything once (npm run export) asks for less and stays small.
  sqlite.pragma(`cache_size = ${-Math.trunc((options.cacheMiB ?? 64) * 1024)}`)
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return sqlite
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const { profile } = options
  const database = withStatementCache(openSqlite(path, options), profile)
  if (!profile) return new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  return new Kysely<Database>({
    dialect: new (class extends SqliteDialect {
      override createQueryCompiler() {
        return new ProfiledCompiler(profile)
      }
    })({ database }),
  })
}

/**
 * kysely's SQLite driver prepares every statement anew, which costs more than running it; the bot
 * runs the same few dozen statements over and over. Reusing them is safe because the driver runs
 * one statement at a time on its single connection.
 */
export function withStatementCache(sqlite: SQLite.Database, profile?: QueryProfile): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (!statement) {
        statement = sqlite.prepare(sql)
        if (profile) statement = profiledStatement(statement, profile)
        cache.set(sql, statement)
      }
      return statement
    },
  }
}

/** Runs `work` in a transaction, or inside the caller's when `db` already is one (kysely does not nest). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

const SAVEPOINT = CompiledQuery.raw('savepoint work')
const RELEASE = CompiledQuery.raw('release work')
const ROLLBACK_TO = CompiledQuery.raw('rollback to work')

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
    await db.executeQuery(ROLLBACK_TO)
    await db.executeQuery(RELEASE)
    throw error
  }
}
