import type { StoreTimer } from '../src/store/index.ts'

/**
 * Where a store's time goes, for `npm run bench`: the engine running statements, and kysely turning
 * query builders into SQL (statements made with the store's `prepare()` are compiled once and then
 * do not count). Given to `openDatabase` as its timer; the bot itself passes none.
 */
export class QueryProfile implements StoreTimer {
  statements = 0
  sqlMs = 0
  compiles = 0
  compileMs = 0

  statement(ms: number): void {
    this.statements++
    this.sqlMs += ms
  }

  compile(ms: number): void {
    this.compiles++
    this.compileMs += ms
  }

  reset(): void {
    this.statements = 0
    this.sqlMs = 0
    this.compiles = 0
    this.compileMs = 0
  }
}
