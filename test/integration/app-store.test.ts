import { chmodSync, closeSync, mkdtempSync, openSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openAppStore } from '../../src/app.ts'
import type { Logger } from '../../src/log.ts'
import { tightenDatabaseMode } from '../../src/store/index.ts'

it('takes a database restored with mode 0644 back to 0600 when the bot opens it, and says so', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'duban-mode-')), 'duban.sqlite')
  const first = await openAppStore(path, { info: () => {}, warn: () => {}, error: () => {} })
  await first.destroy()
  // As `cp backup.sqlite data/duban.sqlite` leaves it under the usual umask, -wal included.
  closeSync(openSync(`${path}-wal`, 'a'))
  chmodSync(path, 0o644)
  chmodSync(`${path}-wal`, 0o644)
  const warnings: string[] = []
  const log: Logger = { info: () => {}, warn: (l) => warnings.push(l), error: () => {} }
  const db = await openAppStore(path, log)
  expect(statSync(path).mode & 0o777).toBe(0o600)
  expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600)
  await db.destroy()
  expect(warnings).toEqual([
    `数据库文件 ${path} 的权限是 0644（其他账户可读），已改为 0600（仅所有者可读写）`,
    `数据库文件 ${path}-wal 的权限是 0644（其他账户可读），已改为 0600（仅所有者可读写）`,
  ])
})

it('takes only the group and other bits off: a database made read-only on purpose stays read-only', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'duban-mode-')), 'duban.sqlite')
  closeSync(openSync(path, 'a'))
  chmodSync(path, 0o444)
  expect(tightenDatabaseMode(path)).toEqual([{ file: path, before: 0o444, after: 0o400 }])
  expect(statSync(path).mode & 0o777).toBe(0o400)
})
