import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type TransactionSettings } from 'kysely'
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

/** A database file's mode was wider than its owner's alone: what it was, and what it is now. */
export interface ModeTightened {
  file: string
  before: number
  /** null: it could not be changed (the file belongs to another account). */
  after: number | null
}

/**
 * A database restored from a backup or copied in keeps the mode it was given, often 0644: readable
 * by every account on the machine. Takes the group's and others' bits off it and its -wal and -shm
 * files, and nothing else: 0644 → 0600, and a file made read-only on purpose stays so (0444 → 0400).
 * Returns what it found wider than owner-only.
 */
export function tightenDatabaseMode(path: string): ModeTightened[] {
  if (path === ':memory:') return []
  const found: ModeTightened[] = []
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    // A folder given as DATABASE_PATH is refused later (database-problem.ts), its mode untouched.
    if (!existsSync(file) || !statSync(file).isFile()) continue
    const before = statSync(file).mode & 0o777
    if ((before & 0o077) === 0) continue
    try {
      chmodSync(file, before & 0o700)
      found.push({ file, before, after: before & 0o700 })
    } catch {
      found.push({ file, before, after: null })
    }
  }
  return found
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const { profile } = options
  const database = withStatementCache(openSqlite(path, options), profile)
  if (!profile) return new Kysely<Database>({ dialect: new WritingDialect({ database }) })
  return new Kysely<Database>({
    dialect: new (class extends WritingDialect {
      override createQueryCompiler() {
        return new ProfiledCompiler(profile)
      }
    })({ database }),
  })
}

type DialectConfig = ConstructorParameters<typeof SqliteDialect>[0]

/**
 * A transaction that will write takes the write lock when it begins (BEGIN IMMEDIATE), so it waits
 * for another connection's lock as the busy timeout says. A plain BEGIN starts as a read and fails
 * at once with "database is locked" when its first write finds the lock taken: SQLite does not wait
 * there, lest two upgrading readers wait for each other. Reads that want one snapshot ask for
 * `setAccessMode('read only')` (`inReadTransaction`) and begin as before.
 */
class WritingDialect extends SqliteDialect {
  readonly #config: DialectConfig

  constructor(config: DialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new WritingDriver(this.#config)
  }
}

class WritingDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(settings?.accessMode === 'read only' ? BEGIN_READ : BEGIN_WRITE)
  }

  /**
   * SQLite takes a transaction back by itself on some errors (a full disk, an I/O error); the
   * rollback that follows then finds none, and its "cannot rollback - no transaction is active"
   * would hide the error that matters.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection)
    } catch (error) {
      if (!/no transaction is active/u.test(String(error))) throw error
    }
  }
}

const BEGIN_READ = CompiledQuery.raw('begin')
const BEGIN_WRITE = CompiledQuery.raw('begin immediate')

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

/** Reads in one snapshot without taking the write lock (the 台账 export's four sheets, say). */
export function inReadTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().setAccessMode('read only').execute(work)
}

/**
 * SQLite's answers that say nothing about the message being written but about the database: locked
 * by another process, the disk full, an I/O or permission failure. The work is sound and must be
 * tried again later, never answered as if the message were at fault.
 */
const STORAGE_FAULTS = /^SQLITE_(?:BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|NOMEM|PROTOCOL)/u

export function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && STORAGE_FAULTS.test(code)
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
    try {
      await db.executeQuery(ROLLBACK_TO)
      await db.executeQuery(RELEASE)
    } catch (rollback) {
      // SQLite already took the whole transaction back (a full disk): the first error is the news.
      if (!isStorageFault(error)) throw rollback
    }
    throw error
  }
}
