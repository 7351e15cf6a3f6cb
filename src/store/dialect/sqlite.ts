import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery,
  DummyDriver,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type Driver,
  type RootOperationNode,
  type SqliteDatabase,
  type TransactionSettings,
} from 'kysely'
import type { ConnectOptions, StoreDialect, StoreTimer } from './dialect.ts'

// Everything of the store that is SQLite's alone: the file, its pragmas, its locking, its error
// codes, its statement cache and its online backup. The queries elsewhere are SQLite's and
// PostgreSQL's alike.

export const sqlite: StoreDialect = {
  connect(path, options) {
    const database = withStatementCache(openSqlite(path, options), options.timer)
    const { timer } = options
    if (!timer) return new WritingDialect({ database })
    return new (class extends WritingDialect {
      override createQueryCompiler() {
        return new TimedCompiler(timer)
      }
    })({ database })
  },
  compileOnly: () => ({
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  }),
  isStorageFault(error) {
    const code = (error as { code?: unknown } | null)?.code
    return typeof code === 'string' && STORAGE_FAULTS.test(code)
  },
  /**
   * SQLite would wait synchronously for the busy timeout, freezing the whole process: the
   * connection's timeout is set to nothing for the work, and put back after.
   */
  async withoutWaiting(db, work) {
    return db.connection().execute(async (connection) => {
      const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection)
      const timeout = rows[0]?.timeout ?? 0
      await sql`pragma busy_timeout = 0`.execute(connection)
      try {
        return await work(connection)
      } finally {
        await sql.raw(`pragma busy_timeout = ${Math.trunc(timeout)}`).execute(connection)
      }
    })
  },
}

/**
 * SQLite's answers that say nothing about the message being written but about the database: locked
 * by another process, the disk full, an I/O or permission failure. The work is sound and must be
 * tried again later, never answered as if the message were at fault.
 */
const STORAGE_FAULTS = /^SQLITE_(?:BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|NOMEM|PROTOCOL)/u

/**
 * Opens (creating if needed) the SQLite file. A new file is created readable by its owner only:
 * it holds what officials said in their groups. WAL lets the bot's reader queries and a backup run
 * beside a write; `synchronous = NORMAL` is the WAL setting SQLite recommends (a power cut can lose
 * the last commits, never corrupt the file).
 */
export function openSqlite(path: string, options: ConnectOptions = {}): SQLite.Database {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true })
    try {
      closeSync(openSync(path, 'wx', 0o600))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  const database = new SQLite(path)
  database.pragma('journal_mode = WAL')
  database.pragma(options.throwaway ? 'synchronous = OFF' : 'synchronous = NORMAL')
  database.pragma('foreign_keys = ON')
  // 64 MiB of page cache (SQLite's default is 2): a city's ledger then stays in memory between
  // queries. A tool that reads everything once (npm run export) asks for less and stays small.
  database.pragma(`cache_size = ${-Math.trunc((options.cacheMiB ?? 64) * 1024)}`)
  database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`)
  return database
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
function withStatementCache(database: SQLite.Database, timer?: StoreTimer): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = cache.get(text)
      if (!statement) {
        statement = database.prepare(text)
        if (timer) statement = timedStatement(statement, timer)
        cache.set(text, statement)
      }
      return statement
    },
  }
}

/** kysely's SQLite compiler, timed. */
class TimedCompiler extends SqliteQueryCompiler {
  constructor(private readonly timer: StoreTimer) {
    super()
  }

  override compileQuery(node: RootOperationNode, queryId: Parameters<SqliteQueryCompiler['compileQuery']>[1]): CompiledQuery {
    const started = performance.now()
    try {
      return super.compileQuery(node, queryId)
    } finally {
      this.timer.compile(performance.now() - started)
    }
  }
}

/** A prepared statement whose runs are timed: what kysely's driver uses of it (`reader`, then `all`
 *  for readers and `run` for the rest, `iterate` for streams), nothing else. */
function timedStatement(statement: SQLite.Statement, timer: StoreTimer): SQLite.Statement {
  const timed =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now()
      try {
        return run(...args)
      } finally {
        timer.statement(performance.now() - started)
      }
    }
  const used: Pick<SQLite.Statement, 'reader' | 'all' | 'run' | 'iterate'> = {
    reader: statement.reader,
    all: timed(statement.all.bind(statement)),
    run: timed(statement.run.bind(statement)),
    iterate: statement.iterate.bind(statement),
  }
  return used as SQLite.Statement
}

export interface BackupResult {
  pages: number
}

/** The backup's file is already there: a backup never overwrites one (the caller words it, npm run backup in Chinese). */
export class BackupTargetExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} exists; a backup never overwrites a file`)
    this.name = 'BackupTargetExistsError'
  }
}

/**
 * Copies the database with SQLite's online backup: a consistent snapshot even while the bot keeps
 * writing (pages changed mid-copy make SQLite restart the copy). The copy is a single file, readable
 * by its owner only; an existing file is never overwritten.
 */
export async function backupDatabase(sourcePath: string, destinationPath: string): Promise<BackupResult> {
  // npm run backup says in Chinese what to do about a missing database before it gets here.
  if (!existsSync(sourcePath)) throw new Error(`no database at ${sourcePath}`)
  // Created empty first so that it gets mode 0600 and so that an existing file makes this fail.
  try {
    closeSync(openSync(destinationPath, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupTargetExistsError(destinationPath)
    throw error
  }
  const source = new SQLite(sourcePath, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    const { totalPages } = await source.backup(destinationPath)
    return { pages: totalPages }
  } finally {
    source.close()
  }
}
