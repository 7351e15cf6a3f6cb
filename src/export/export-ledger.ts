import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Db, OutboxFile } from '../store/index.ts'
import { ledgerFileName, type LedgerCounts } from '../text/ledger-export.ts'
import { writeFileAtomically } from './atomic-file.ts'
import { writeLedgerWorkbook, type LedgerOptions } from './ledger-workbook.ts'

/**
 * SQLite page cache (MiB) for a process that opens the database only to export it: the export
 * reads each row once, so the bot's 64 MiB would only fill up (and count against this process).
 */
export const EXPORT_CACHE_MIB = 16

/** `npm run export`: the 台账 workbook at `path`, whole or not at all; an existing file only with `overwrite`. */
export async function exportLedger(db: Db, path: string, o: LedgerOptions & { overwrite: boolean }): Promise<LedgerCounts> {
  return writeFileAtomically(path, o.overwrite, (out) => writeLedgerWorkbook(db, out, o))
}

/**
 * /导出: the day's workbook in the data folder's exports/ (owner only, like the database), named as
 * WeChat shows it; a second export the same day replaces the first. The path is absolute: the
 * outbox may send it after a restart from another working folder.
 */
export async function exportLedgerToDataDir(db: Db, dataDir: string, o: LedgerOptions): Promise<{ file: OutboxFile; counts: LedgerCounts }> {
  const folder = join(dataDir, 'exports')
  mkdirSync(folder, { recursive: true, mode: 0o700 })
  const name = ledgerFileName(o.today)
  const path = resolve(folder, name)
  const counts = await exportLedger(db, path, { ...o, overwrite: true })
  return { file: { path, name }, counts }
}
