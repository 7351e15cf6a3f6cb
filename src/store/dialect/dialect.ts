import type { Dialect, Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/**
 * What differs between database engines, and nothing else: how to connect, which errors mean the
 * database (not the message) is at fault, and how to write without waiting for another process's
 * lock. Every query of the store is written once, in SQL both SQLite and PostgreSQL read; the engine
 * itself lives in one module that implements this (sqlite.ts today).
 */
export interface StoreDialect {
  /** kysely's dialect for the database at `location` (a file path for SQLite). */
  connect(location: string, options: ConnectOptions): Dialect
  /** kysely's dialect without a connection, only to compile the engine's SQL once (prepared.ts). */
  compileOnly(): Dialect
  /** The database refused the work for a reason of its own (locked, disk full): try again later. */
  isStorageFault(error: unknown): boolean
  /**
   * Runs `work` on one connection that fails at once, as a storage fault, instead of waiting for
   * another connection's write lock.
   */
  withoutWaiting<T>(db: Kysely<Database>, work: (connection: Kysely<Database>) => Promise<T>): Promise<T>
}

export interface ConnectOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number
  /** Told where the time goes (`npm run bench`); costs a little, so the bot passes none. */
  timer?: StoreTimer
  /** The engine's page cache in MiB: 64 by default, so that the bot keeps a city's ledger in memory. */
  cacheMiB?: number
  /** A database thrown away after use (`npm run replay`): never waits for the disk. */
  throwaway?: boolean
}

/** Told of each statement the engine runs and each query kysely compiles, with its time. */
export interface StoreTimer {
  statement(ms: number): void
  compile(ms: number): void
}
