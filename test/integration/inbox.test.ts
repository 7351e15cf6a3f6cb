import { afterEach, beforeEach, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createInbox } from '../../src/core/inbox.ts'
import { createRouter } from '../../src/core/router.ts'
import { systemClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { listArrivals } from '../../src/store/index.ts'
import { chatMessage } from './chat-message-fixture.ts'
import { openTestStore, rules, type TestStore } from './store-fixture.ts'

let store: TestStore
beforeEach(async () => (store = await openTestStore()))
afterEach(async () => store.close())

const room = { id: 'r@chatroom', topic: '【项目】收件推进群', ownerId: undefined }
/** 张三 says `text` in the room, now, as message `id`. */
const chat = (id: string, text: string): ChatMessage => chatMessage('张三', text, { id, room, sentAt: new Date() })

const stored = async () => (await store.db.selectFrom('messages').select('wechat_id').orderBy('id').execute()).map((r) => r.wechat_id)

it('commits the messages it has read before it reads the next: a crash then loses only what is in flight', async () => {
  const router = createRouter({ rules, clock: systemClock, commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
  const inbox = createInbox({ db: store.db, router, clock: systemClock, log: silentLogger, afterBatch: () => undefined })
  // A burst: three messages arrive together; the third is slow to read (its payload still on the wire).
  let deliver!: (msg: ChatMessage) => void
  const slow = new Promise<ChatMessage>((resolve) => (deliver = resolve))
  inbox.push({ id: 'm1', read: async () => chat('m1', '主体结构完成30%') })
  inbox.push({ id: 'm2', read: async () => chat('m2', '主体结构完成40%') })
  inbox.push({ id: 'm3', read: () => slow })
  for (let i = 0; i < 200 && (await stored()).length < 2; i++) await new Promise((r) => setTimeout(r, 10))
  // Had the inbox read the whole burst before its transaction, nothing would be committed yet.
  expect(await stored()).toEqual(['m1', 'm2'])
  deliver(chat('m3', '主体结构完成50%'))
  await inbox.settled()
  expect(await stored()).toEqual(['m1', 'm2', 'm3'])
})

it('notes each announced message at once and forgets it in the transaction that handles it, so only the unhandled are read again', async () => {
  const router = createRouter({ rules, clock: systemClock, commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
  const inbox = createInbox({ db: store.db, router, clock: systemClock, log: silentLogger, afterBatch: () => undefined })
  // Three announced; the first is handled, the second never loads (a crash would leave it), the third is the bot's own.
  for (const id of ['m1', 'm2', 'm3']) inbox.note(id)
  inbox.push({ id: 'm1', read: async () => chat('m1', '主体结构完成30%') })
  inbox.drop('m3')
  await inbox.settled()
  // Notes are written at the next turn of the event loop, forgets when their transaction commits.
  for (let i = 0; i < 200 && (await listArrivals(store.db)).join() !== 'm2'; i++) await new Promise((r) => setTimeout(r, 10))
  expect(await stored()).toEqual(['m1'])
  expect(await listArrivals(store.db)).toEqual(['m2'])
})

it('once stopping, still notes what is announced until the database closes, for the next process to read, and handles it no more', async () => {
  const router = createRouter({ rules, clock: systemClock, commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
  const inbox = createInbox({ db: store.db, router, clock: systemClock, log: silentLogger, afterBatch: () => undefined })
  inbox.note('m1')
  inbox.push({ id: 'm1', read: async () => chat('m1', '主体结构完成30%') })
  await inbox.settled()
  inbox.close()
  // Said while the old process drains: noted, left for the process that takes over (app.ts fetchAgain).
  inbox.note('m2')
  inbox.push({ id: 'm2', read: async () => chat('m2', '主体结构完成40%') })
  await inbox.settled()
  expect(await stored()).toEqual(['m1'])
  expect(await listArrivals(store.db)).toEqual(['m2'])
})
