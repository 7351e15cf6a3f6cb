import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { commands } from '../../commands/index.ts'
import { asWritten } from '../../src/core/as-written.ts'
import type { ChatMessage } from '../../src/core/chat-message.ts'
import { createRouter } from '../../src/core/router.ts'
import { FakeClock } from '../../src/clock.ts'
import { silentLogger } from '../../src/log.ts'
import { readChatText } from '../../src/parse/chat-text.ts'
import { parseChatText } from '../../src/parse/parse-chat-text.ts'
import { settingsFromEnv } from '../../src/settings.ts'
import { openTestStore, type TestStore } from './store-fixture.ts'

const corpus = readFileSync(resolve(import.meta.dirname, '../../corpus/messages.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; text: string; sentAt: string })

/** A record as both sides can say it: its kind, its words and what was read of it. */
type Seen = { type: string; summary: string; category?: string | null; stage?: string | null; percent?: number | null }

describe('the bot and npm run parse read a chat text the same way', () => {
  let store: TestStore
  afterEach(async () => store.close())

  it('every line of the corpus gives the same records through the router and the store as through parse', async () => {
    // The case the two readers once differed on: a line that opens with an @mention.
    expect(corpus.some((m) => m.text.startsWith('@'))).toBe(true)
    store = await openTestStore()
    const { rules } = settingsFromEnv({})
    const clock = new FakeClock('2026-01-01T09:00:00+08:00')
    const router = createRouter({ rules, clock, commands, botName: () => '督办助手', dataDir: store.dir, log: silentLogger })
    // Each line in a group of its own, so no earlier issue turns a record into a follow-up.
    const messages: ChatMessage[] = corpus.map((m, i) => ({
      id: m.id,
      kind: 'text',
      text: m.text,
      ...readChatText(m.text, 'text'),
      talker: { id: 'wxid_a', name: '老张' },
      room: { id: `r${i}@chatroom`, topic: `【项目】语料${i}号推进群`, ownerId: undefined },
      mentionIds: [],
      mentionsBot: false,
      sentAt: new Date(m.sentAt),
    }))
    await router.inBatch(store.db, async (handle) => {
      for (const msg of messages) {
        clock.set(msg.sentAt)
        await handle(msg)
      }
    })

    const byMessage = new Map<string, Seen[]>(corpus.map((m) => [m.id, []]))
    const of = (wechatId: string) => byMessage.get(wechatId)!
    const progress = await store.db
      .selectFrom('progress_updates')
      .innerJoin('messages', 'messages.id', 'progress_updates.message_id')
      .select(['messages.wechat_id', 'summary', 'stage', 'percent'])
      .orderBy('progress_updates.id')
      .execute()
    for (const p of progress) of(p.wechat_id).push({ type: 'progress', summary: p.summary, stage: p.stage, percent: p.percent })
    const issues = await store.db
      .selectFrom('issues')
      .innerJoin('messages', 'messages.id', 'issues.message_id')
      .select(['messages.wechat_id', 'summary', 'category'])
      .orderBy('issues.id')
      .execute()
    for (const i of issues) of(i.wechat_id).push({ type: 'issue', summary: i.summary, category: i.category })
    const resolutions = await store.db
      .selectFrom('resolutions')
      .innerJoin('messages', 'messages.id', 'resolutions.message_id')
      .select(['messages.wechat_id', 'summary', 'category'])
      .orderBy('resolutions.id')
      .execute()
    for (const r of resolutions) of(r.wechat_id).push({ type: 'resolution', summary: r.summary, category: r.category })

    const order = ['progress', 'issue', 'resolution']
    for (const m of corpus) {
      // A command's records are the command's doing (/进度 records progress), not the text's: parse reads none.
      if (readChatText(m.text).command) {
        expect(parseChatText(m.text, m.sentAt, { calendar: rules.calendar, timeZone: rules.timeZone })).toEqual([])
        continue
      }
      // The ledger keeps the words as the sender wrote them; parse shows them as read (as-written.ts).
      const written = (summary: string) => asWritten(summary, readChatText(m.text).body)
      const parsed: Seen[] = parseChatText(m.text, m.sentAt, { calendar: rules.calendar, timeZone: rules.timeZone }).map((r) =>
        r.type === 'progress'
          ? { type: r.type, summary: written(r.summary), stage: r.stage, percent: r.percent }
          : { type: r.type, summary: written(r.summary), category: r.category },
      )
      const sorted = (s: Seen[]) => [...s].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))
      expect({ id: m.id, records: sorted(of(m.id)) }).toEqual({ id: m.id, records: sorted(parsed) })
    }
  })
})
