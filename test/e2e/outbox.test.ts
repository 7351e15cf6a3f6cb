import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listOutbox, openDatabase, type Db } from '../../src/store/index.ts'
import { waitFor, type WireHarness } from './harness.ts'
import { startBot, startOnWire, stopOnWire, type BotUnderTest } from './start-bot.ts'

const INTERVAL = 120

let h: WireHarness
let b: BotUnderTest

beforeAll(async () => {
  ;({ h, b } = await startOnWire({ env: { SEND_INTERVAL_MS: String(INTERVAL) } }))
})

afterAll(() => stopOnWire(h, b))

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!)

describe('the outbox', () => {
  it('paces sends across all groups: never two within SEND_INTERVAL_MS', async () => {
    const zhang = h.contact('张三')
    const a = h.room('【项目】节奏甲推进群', [zhang])
    const c = h.room('【项目】节奏乙推进群', [zhang])
    const start = h.said.length
    for (let i = 1; i <= 3; i++) {
      await b.say(a.id, `甲 ${i}`)
      await b.say(c.id, `乙 ${i}`)
    }
    await waitFor(() => h.said.length - start >= 6, 5_000, () => `${h.said.length - start} of 6 sent`)
    const sent = h.said.slice(start)
    expect(sent.map((s) => s.text)).toEqual(['甲 1', '乙 1', '甲 2', '乙 2', '甲 3', '乙 3'])
    for (const gap of gaps(sent.map((s) => s.at))) expect(gap).toBeGreaterThanOrEqual(INTERVAL - 5)
  })

  it('retries after "操作过于频繁", slows down, and sends the text once', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】限流推进群', [zhang])
    h.failNextSends = { count: 1, message: '操作过于频繁，请稍后再试' }
    const start = h.said.length
    await b.say(room.id, '限流 1')
    await b.say(room.id, '限流 2')
    await waitFor(() => h.said.length - start >= 2, 10_000, () => 'both texts sent after the retry')
    expect(h.saidIn(room).sort()).toEqual(['限流 1', '限流 2'])
    expect(b.app.sender.slowdown).toBe(2)
    expect(b.logs.some((l) => l.includes('发送过于频繁'))).toBe(true)
    // Marked sent just after WeChat took it, so wait for the mark rather than the text.
    const retried = await waitFor(
      async () => (await listOutbox(b.db, 'sent')).find((i) => i.text === '限流 1'),
      5_000,
      () => 'the retried text marked sent',
    )
    expect(retried.attempts).toBe(2)
  })

  it('keeps trying a text that cannot be sent, and tells the admins privately once it is stuck', async () => {
    const admin = h.admin()
    const zhang = h.contact('张三')
    const room = h.room('【项目】移出推进群', [zhang])
    h.failSendsTo.set(room.id, 'room not found')
    await b.say(room.id, '发不出去的通知')
    // Five failures, waiting 1, 2, 4 and 8 s between them (SEND_INTERVAL_MS is short here: 500 ms doubled).
    const notice = await h.waitForSay(admin, /已连续 5 次发送失败/, 30_000)
    expect(notice).toContain('群「【项目】移出推进群」')
    expect(notice).toContain('发不出去的通知')
    expect(notice).toContain('room not found')
    h.failSendsTo.delete(room.id)
    const [item] = (await listOutbox(b.db, 'pending')).filter((i) => i.text === '发不出去的通知')
    expect(item?.attempts).toBe(5)
    expect(item?.lastError).toContain('room not found')
  }, 40_000)

  it('when every send fails for a while, the admins hear of the stuck text, and everything waiting goes, within seconds of sending working again', async () => {
    const admin = h.admin()
    const zhang = h.contact('张三')
    const room = h.room('【项目】发送中断推进群', [zhang])
    h.failNextSends = { count: 10_000, message: '发送失败：服务繁忙' }
    await b.say(room.id, '中断期间的通知')
    // Stuck after five failures (1 + 2 + 4 + 8 s); the notice to the admin fails as well.
    await waitFor(
      async () => (await listOutbox(b.db, 'pending')).some((i) => i.dedupeKey?.startsWith('stuck:') && i.attempts >= 2),
      40_000,
      () => 'no stuck notice queued and failing',
    )
    h.failNextSends = undefined
    const backAt = performance.now()
    const notice = await h.waitForSay(admin, /已连续 5 次发送失败/, 20_000)
    expect(notice).toContain('中断期间的通知')
    await h.waitForSay(room, /中断期间的通知/, 5_000)
    // The probe every 10 s, then everything at once, paced.
    expect(performance.now() - backAt).toBeLessThan(15_000)
  }, 90_000)

  it('splits a text longer than 1,500 characters at line boundaries into numbered parts', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】长文推进群', [zhang])
    const lines = Array.from({ length: 100 }, (_, i) => `第${i + 1}行：${'进展情况说明'.repeat(5)}`)
    await b.say(room.id, lines.join('\n'))
    const parts = await waitFor(
      () => {
        const said = h.saidIn(room)
        return said.length > 0 && said.length === Number(/^\(1\/(\d+)\)/.exec(said[0]!)?.[1]) && said
      },
      15_000,
      () => `parts so far: ${h.saidIn(room).length}`,
    )
    expect(parts.length).toBeGreaterThan(1)
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(1500)
      expect(p.startsWith(`(${i + 1}/${parts.length})\n第`)).toBe(true)
    })
    const rejoined = parts.map((p) => p.replace(/^\(\d+\/\d+\)\n/, '')).join('\n')
    expect(rejoined).toBe(lines.join('\n'))
  })
})

describe('a restart in the middle of a queue', () => {
  it('loses nothing and sends nothing twice', async () => {
    const zhang = h.contact('张三')
    const room = h.room('【项目】重启推进群', [zhang])
    const texts = Array.from({ length: 8 }, (_, i) => `排队 ${i + 1}`)
    for (const text of texts) await b.say(room.id, text)
    await waitFor(() => h.saidIn(room).length >= 2, 5_000, () => 'the first sends')
    await b.stop()
    const sentBefore = h.saidIn(room).length
    expect(sentBefore).toBeLessThan(texts.length)
    const reader = openDatabase(b.dbPath)
    expect(await outboxStates(reader, room.id)).toEqual({ sent: sentBefore, pending: texts.length - sentBefore })
    await reader.destroy()

    b = await startBot(h, { dbPath: b.dbPath, env: { SEND_INTERVAL_MS: String(INTERVAL) } })
    await waitFor(() => h.saidIn(room).length >= texts.length, 10_000, () => `${h.saidIn(room).length} sent`)
    await b.app.drained()
    expect(h.saidIn(room)).toEqual(texts)
    expect(await outboxStates(b.db, room.id)).toEqual({ sent: texts.length, pending: 0 })
  })
})

async function outboxStates(db: Db, roomId: string) {
  const rows = await db.selectFrom('outbox').select('state').where('target_id', '=', roomId).execute()
  return { sent: rows.filter((r) => r.state === 'sent').length, pending: rows.filter((r) => r.state === 'pending').length }
}
