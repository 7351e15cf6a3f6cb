import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupDatabase, BackupTargetExistsError } from '../../src/store/index.ts'
import { findLatestProgress, ingestMessage, openDatabase } from '../../src/store/index.ts'
import { message, newProject, openTestStore, settings, type TestStore } from './store-fixture.ts'

describe('backup', () => {
  let store: TestStore
  beforeEach(async () => (store = await openTestStore()))
  afterEach(async () => store.close())

  it('copies committed data while the database is open and being written, into a private file', async () => {
    const p = await newProject(store.db, '宏达电子')
    const progress = [{ type: 'progress' as const, stage: null, percent: null, due: null, summary: '已备份的进度' }]
    await ingestMessage(store.db, message(p.id), progress, settings)
    const copyPath = join(store.dir, 'copy.sqlite')

    // A write transaction is open on the live connection while the backup runs.
    await store.db.transaction().execute(async (trx) => {
      await ingestMessage(trx, message(p.id, { sentAt: new Date('2026-03-03T09:00:00+08:00') }), [{ ...progress[0]!, summary: '未提交' }], settings)
      expect((await backupDatabase(store.path, copyPath)).pages).toBeGreaterThan(0)
    })

    expect(statSync(copyPath).mode & 0o777).toBe(0o600)
    const copy = openDatabase(copyPath)
    expect((await findLatestProgress(copy, p.id))?.summary).toBe('已备份的进度')
    await copy.destroy()
  })

  it('refuses to overwrite a file or to copy a database that does not exist', async () => {
    const taken = join(store.dir, 'taken.sqlite')
    await backupDatabase(store.path, taken)
    await expect(backupDatabase(store.path, taken)).rejects.toThrow(BackupTargetExistsError)
    await expect(backupDatabase(join(store.dir, 'nope.sqlite'), join(store.dir, 'x.sqlite'))).rejects.toThrow(/no database at/)
    expect(existsSync(join(store.dir, 'x.sqlite'))).toBe(false)
  })
})
