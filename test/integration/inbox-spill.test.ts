import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createInbox } from '../../src/core/inbox.ts'
import { createRouter } from '../../src/core/router.ts'
import { systemClock } from '../../src/clock.ts'
import type { Logger } from '../../src/log.ts'
import { listArrivals, migrateToLatest, openDatabase, SpillFile } from '../../src/store/index.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { rules } from './store-fixture.ts'

const room = { id: 'r@chatroom', topic: '【项目】满盘推进群', ownerId: undefined }
/** 张三 says `text` in the room, now, as message `id`. */
const chat = (id: string, text: string): ChatMessage => chatMessage('张三', text, { id, room, sentAt: new Date() })

it('while the database refuses writes, keeps the ids of arriving messages in the file kept in advance, where a process killed then leaves them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-spill-'))
  const path = join(dir, 'duban.sqlite')
  const db = openDatabase(path, { busyTimeoutMs: 50 })
  await migrateToLatest(db)
  const logs: string[] = []
  const log: Logger = { info: (l) => logs.push(l), warn: (l) => logs.push(l), error: (l) => logs.push(l) }
  const spill = SpillFile.open(`${path}-spill`)
  const router = createRouter({ rules, clock: systemClock, commands, botName: () => '督办助手', dataDir: dir, log })
  const inbox = createInbox({ db, router, clock: systemClock, log, afterBatch: () => undefined, spill })

  // Another process holds the write lock: as a full disk does, the database refuses every write.
  const locker = new SQLite(path)
  locker.exec('begin exclusive')
  const arrive = (id: string, k: number) => {
    inbox.note(id)
    inbox.push({ id, read: async () => chat(id, `主体结构完成${k}%`) })
  }
  arrive('m1', 10)
  arrive('m2', 20)
  for (let i = 0; i < 300 && !logs.some((l) => l.includes('数据库暂时无法写入')); i++) await new Promise((r) => setTimeout(r, 10))
  arrive('m3', 30)
  await new Promise((r) => setTimeout(r, 50))

  // What the next process would find after a kill -9 now: every id, though the database has none.
  expect(SpillFile.open(`${path}-spill`).leftOver.sort()).toEqual(['m1', 'm2', 'm3'])
  expect(locker.prepare('select count(*) as n from arrivals').get()).toEqual({ n: 0 })

  locker.exec('commit')
  locker.close()
  await inbox.settled()
  const stored = (await db.selectFrom('messages').select('wechat_id').orderBy('id').execute()).map((r) => r.wechat_id)
  expect(stored).toEqual(['m1', 'm2', 'm3'])
  // Handled: nothing left to read again, in the database or the file.
  expect(await listArrivals(db)).toEqual([])
  expect(SpillFile.open(`${path}-spill`).leftOver).toEqual([])
  spill.close()
  await db.destroy()
})
