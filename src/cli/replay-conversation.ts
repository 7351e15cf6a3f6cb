import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commands } from '../../commands/index.ts'
import { readChatText } from '../parse/chat-text.ts'
import type { ChatMessage } from '../core/chat-message.ts'
import { createRouter } from '../core/router.ts'
import { FakeClock } from '../clock.ts'
import type { Rules } from '../domain/rules.ts'
import { currentStage } from '../domain/slow-projects.ts'
import { silentLogger } from '../log.ts'
import { getLedger, migrateToLatest, openDatabase, type LedgerProject } from '../store/index.ts'
import { readInstant } from './instant.ts'

/** One line of a conversation file: a chat message, or a recall of one (no text). */
export interface ChatEvent {
  id: string
  room: string
  sender: string
  text: string
  sentAt: string
  /** The id of an earlier message of the same room that this one quotes. */
  quote?: string
  /** The id of an earlier message of the same sender that this one withdraws. */
  recall?: string
}

/** Messages handled per transaction: a failure of one never takes the others with it (savepoints). */
const BATCH = 500
const BOT_NAME = '督办助手'

/**
 * Replays a conversation into a fresh, temporary database through the router, parser and store the
 * bot uses (no WeChat, no sending, no jobs), the clock at each message's time, and returns the
 * ledger it leaves. `events` are valid and in time order (`readChatEvent` checks a line).
 */
export async function replayConversation(events: Iterable<ChatEvent>, rules: Rules): Promise<LedgerProject[]> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-replay-'))
  // A scratch database: nothing in it outlives the replay, so it never waits for the disk.
  const db = openDatabase(join(dir, 'replay.sqlite'), { throwaway: true })
  try {
    await migrateToLatest(db)
    const clock = new FakeClock(new Date(0))
    const router = createRouter({ rules: { ...rules, admins: [] }, clock, commands, botName: () => BOT_NAME, dataDir: dir, log: silentLogger })
    const ids = new Ids()
    const said = new Map<string, { sender: string; text: string }>()
    let batch: ChatMessage[] = []
    const flush = async () => {
      const messages = batch
      batch = []
      await router.inBatch(db, async (handle) => {
        for (const msg of messages) {
          clock.set(msg.sentAt)
          await handle(msg)
        }
      })
    }
    for (const event of events) {
      const quoted = event.quote ? said.get(event.quote) : undefined
      if (!event.recall) said.set(event.id, { sender: event.sender, text: event.text })
      const kind = event.recall ? 'recall' : 'text'
      const text = event.recall ?? event.text
      const read = readChatText(text, kind)
      batch.push({
        id: event.id,
        kind,
        text,
        ...read,
        quote: quoted ? { name: quoted.sender, text: quoted.text } : read.quote,
        talker: { id: ids.of('wxid', event.sender), name: event.sender },
        room: { id: ids.of('room', event.room, '@chatroom'), topic: event.room, ownerId: undefined },
        mentionIds: [],
        mentionsBot: false,
        sentAt: new Date(event.sentAt),
      })
      if (batch.length >= BATCH) await flush()
    }
    await flush()
    return (await getLedger(db)).map(({ room, name, stages, issues, progress }) => ({ room, name, stage: currentStage(stages)?.stage ?? null, issues, progress }))
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Stable made-up WeChat ids for the names in a conversation. */
class Ids {
  readonly #ids = new Map<string, string>()
  of(kind: string, name: string, suffix = ''): string {
    const key = `${kind}:${name}`
    let id = this.#ids.get(key)
    if (!id) this.#ids.set(key, (id = `${kind}-${this.#ids.size + 1}${suffix}`))
    return id
  }
}

/**
 * Reads one line of a conversation file against what came before it (`seen`: id → room and
 * sender); a string says what is wrong with it. A valid event is added to `seen`.
 */
export function readChatEvent(line: string, seen: Map<string, { room: string; sender: string }>): ChatEvent | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return '不是合法的 JSON'
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '不是一个 JSON 对象'
  const v = value as Record<string, unknown>
  const text = (key: string) => (typeof v[key] === 'string' && (v[key] as string).trim() !== '' ? (v[key] as string) : undefined)
  const [id, room, sender, sentAt] = [text('id'), text('room'), text('sender'), text('sentAt')]
  const problems = [
    id ? null : '缺少 "id"',
    room ? null : '缺少 "room"',
    sender ? null : '缺少 "sender"',
    sentAt && readInstant(sentAt) ? null : '"sentAt" 不是时间（例如 2026-03-02T09:15:00+08:00）',
  ].filter((p) => p !== null)
  if (problems.length > 0) return problems.join('，')
  const recall = v['recall']
  const quote = v['quote']
  if (recall !== undefined) {
    const target = typeof recall === 'string' ? seen.get(recall) : undefined
    if (!target || target.room !== room || target.sender !== sender) return `"recall" 必须是同一群里同一发言人之前的一条消息`
  } else if (typeof v['text'] !== 'string') {
    return '缺少 "text"'
  }
  if (quote !== undefined && (typeof quote !== 'string' || seen.get(quote)?.room !== room)) return '"quote" 必须是同一群里之前的一条消息'
  seen.set(id!, { room: room!, sender: sender! })
  return {
    id: id!,
    room: room!,
    sender: sender!,
    text: typeof v['text'] === 'string' ? v['text'] : '',
    sentAt: sentAt!,
    ...(typeof quote === 'string' ? { quote } : {}),
    ...(typeof recall === 'string' ? { recall } : {}),
  }
}
