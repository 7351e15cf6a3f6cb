import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { waitFor, type WireHarness } from './harness.ts'
import { startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ env: { CONFIRM: 'all' } }))
})

afterAll(() => stopOnWire(h, b))

/** Waits until a progress confirmation for each share has been said in the room, folded or not. */
const confirmed = (room: Parameters<WireHarness['linesIn']>[0], shares: string[]) =>
  waitFor(
    () => shares.every((p) => h.linesIn(room).some((l) => l.startsWith(`已记录进度：${p}`))),
    15_000,
    () => `confirmations so far: ${JSON.stringify(h.linesIn(room))}; logs: ${b.logs.join('\n')}`,
  )

const stored = async (roomId: string) =>
  (await b.db.selectFrom('messages').select('text').where('room_id', '=', roomId).orderBy('id').execute()).map((r) => r.text)

/**
 * Another process (the sqlite3 shell, a careless backup script) holds the write lock for `ms`;
 * resolves once it has the lock, with a promise of its end (wrapped: an async function's returned
 * promise would be awaited with it).
 */
async function holdLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['-e', `const D = require('better-sqlite3'); const d = new D(process.argv[1]); d.exec('begin exclusive'); console.log('locked'); setTimeout(() => { d.exec('commit'); d.close() }, ${ms})`, path],
    { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`the locking process exited (${code}) before locking`)))
  })
  return { released: new Promise((resolve) => child.once('exit', () => resolve())) }
}

it('keeps messages that arrive while another process holds the database lock, and stores and answers each once it is free', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】锁库推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录节点：签约/)

  // Three seconds: three times as long as the bot's own wait for a lock (BUSY_TIMEOUT_MS).
  const { released } = await holdLock(b.dbPath, 3_000)
  const texts = ['主体结构完成30%', '主体结构完成40%', '主体结构完成50%']
  for (const text of texts) h.say(zhang, room, text)
  await released
  await confirmed(room, ['30%', '40%', '50%'])
  await b.app.drained()
  expect(await stored(room.id)).toEqual(['项目已正式签约', ...texts])
  expect(h.linesIn(room).filter((t) => /^已记录(?:进度|节点)/u.test(t))).toHaveLength(4)
  expect(b.logs.some((l) => l.includes('数据库暂时无法写入') && l.includes('database is locked'))).toBe(true)
  // The three held in memory are committed together once the lock is gone, and counted so.
  expect(b.logs.some((l) => l.includes('数据库恢复写入：等待中的 3 条消息已入库'))).toBe(true)
}, 40_000)

it('keeps messages while the disk is full, and stores and answers them all when there is room again', async () => {
  const zhang = h.contact('张三')
  const room = h.room('【项目】满盘推进群', [zhang])
  h.say(zhang, room, '项目已正式签约')
  await h.waitForSay(room, /已记录节点：签约/)

  // The bot's own connection may grow the file no further: SQLite answers SQLITE_FULL as on a full disk.
  // Pages a migration freed (a table rebuilt) would still take a message: they are filled first.
  const free = (await sql<{ freelist_count: number }>`pragma freelist_count`.execute(b.db)).rows[0]!.freelist_count
  const pageSize = (await sql<{ page_size: number }>`pragma page_size`.execute(b.db)).rows[0]!.page_size
  await sql`create table filler as select zeroblob(${(free + 1) * pageSize}) as x`.execute(b.db)
  expect((await sql<{ freelist_count: number }>`pragma freelist_count`.execute(b.db)).rows[0]!.freelist_count).toBe(0)
  const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(b.db)
  await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(b.db)
  // Long enough that each needs new pages.
  const texts = Array.from({ length: 5 }, (_, i) => `第${i + 1}号厂房主体结构完成${(i + 1) * 10}%。${'现场施工正常推进，'.repeat(400)}`)
  for (const text of texts) h.say(zhang, room, text)
  await waitFor(() => b.logs.some((l) => l.includes('数据库暂时无法写入') && l.includes('full')), 10_000, () => b.logs.join('\n'))
  expect(await stored(room.id)).toEqual(['项目已正式签约'])

  await sql.raw('pragma max_page_count = 1073741823').execute(b.db)
  await confirmed(room, ['10%', '20%', '30%', '40%', '50%'])
  await b.app.drained()
  expect(await stored(room.id)).toEqual(['项目已正式签约', ...texts])
  expect(b.logs.some((l) => /cannot rollback|lost/u.test(l))).toBe(false)
}, 40_000)
