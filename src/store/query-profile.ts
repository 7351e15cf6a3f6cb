import type SQLite from 'better-sqlite3'
import { SqliteQueryCompiler, type CompiledQuery, type RootOperationNode } from 'kysely'

/**
 * Where a store's time goes, for `npm run bench`: SQLite running statements, and kysely turning
 * query builders into SQL (statements made with `prepare()` are compiled once, at load, and do not
 * count). Counted only on a database opened with a profile; the bot itself opens none.
 */
export class QueryProfile {
  statements = 0
  sqlMs = 0
  compiles = 0
  compileMs = 0

  reset(): void {
    this.statements = 0
    this.sqlMs = 0
    this.compiles = 0
    this.compileMs = 0
  }
}

/** kysely's SQLite compiler, timed. */
export class ProfiledCompiler extends SqliteQueryCompiler {
  constructor(private readonly profile: QueryProfile) {
    super()
  }

  override compileQuery(node: RootOperationNode, queryId: Parameters<SqliteQueryCompiler['compileQuery']>[1]): CompiledQuery {
    const started = performance.now()
    try {
      return super.compileQuery(node, queryId)
    } finally {
      this.profile.compiles++
      this.profile.compileMs += performance.now() - started
    }
  }
}

/** A prepared statement whose runs are timed: what kysely's driver uses of it (`reader`, then `all`
 *  for readers and `run` for the rest, `iterate` for streams), nothing else. */
export function profiledStatement(statement: SQLite.Statement, profile: QueryProfile): SQLite.Statement {
  const timed =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now()
      try {
        return run(...args)
      } finally {
        profile.statements++
        profile.sqlMs += performance.now() - started
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
