import { statSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * What is wrong with DATABASE_PATH when the database cannot be opened, said so that a deployer can
 * fix it, without a stack trace. Example: DATABASE_PATH=data →
 * "无法打开数据库（DATABASE_PATH=data）：这是一个文件夹，不是数据库文件；请写文件的路径，例如 data/duban.sqlite"
 */
export function databaseProblem(path: string, error: unknown): string {
  return `无法打开数据库（DATABASE_PATH=${path}）：${reason(path, error)}`
}

function reason(path: string, error: unknown): string {
  if (isDirectory(path)) return '这是一个文件夹，不是数据库文件；请写文件的路径，例如 data/duban.sqlite'
  const code = String((error as { code?: unknown } | null)?.code ?? '')
  if (/^SQLITE_(?:NOTADB|CORRUPT)/u.test(code)) {
    return '这个文件不是 SQLite 数据库，或者已经损坏；请换一个路径，或停机后从备份恢复（见 README“数据存放、备份与迁移”）'
  }
  // mkdir of the data folder failed: a parent cannot be written or reached (a read-only folder above it).
  if (code === 'ENOENT' || (code === 'EACCES' && (error as { syscall?: unknown }).syscall === 'mkdir')) {
    return `无法创建数据库所在的文件夹 ${dirname(path)}：上级文件夹不存在、只读或没有权限；请先建好这个文件夹并让运行机器人的账户可写，或换一个路径`
  }
  if (/^SQLITE_READONLY|^EACCES$|^EPERM$|^EROFS$/u.test(code)) {
    return '没有写入权限：机器人要能写这个文件和它所在的文件夹（运行中会在旁边生成 -wal、-shm 文件）'
  }
  if (/^SQLITE_FULL|^ENOSPC$/u.test(code)) return '磁盘已满；请腾出空间后再启动'
  if (code === 'ENOTDIR') return '路径中有一段不是文件夹'
  if (/^SQLITE_CANTOPEN/u.test(code)) return '无法打开或创建这个文件（所在文件夹无法创建或没有权限）'
  return String(error)
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
