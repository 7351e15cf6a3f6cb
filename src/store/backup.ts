import { closeSync, existsSync, openSync } from 'node:fs'
import SQLite from 'better-sqlite3'

export interface BackupResult {
  pages: number
}

/** The backup's file is already there: a backup never overwrites one. */
export class BackupTargetExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} 已存在，不会覆盖；请换一个文件名`)
    this.name = 'BackupTargetExistsError'
  }
}

/**
 * Copies the database with SQLite's online backup: a consistent snapshot even while the bot keeps
 * writing (pages changed mid-copy make SQLite restart the copy). The copy is a single file, readable
 * by its owner only; an existing file is never overwritten.
 */
export async function backupDatabase(sourcePath: string, destinationPath: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new Error(`找不到数据库 ${sourcePath}`)
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
