import { closeSync, existsSync, openSync } from 'node:fs'
import SQLite from 'better-sqlite3'

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
