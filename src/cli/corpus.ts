import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Rules } from '../domain/rules.ts'
import { parseChatText } from '../parse/parse-chat-text.ts'
import { scoreLedger, scoreRecords, type LabelledMessage, type LabelledRoom, type LedgerScore, type RecordScore } from './corpus-score.ts'
import { readChatEvent, replayConversation, type ChatEvent } from './replay-conversation.ts'

/** The repository's own labelled corpus (corpus/README.md). */
export const CORPUS = resolve(import.meta.dirname, '../../corpus')

export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T)
}

/** The parser on labelled single messages, as `npm run parse` reads them. */
export function scoreMessages(path: string, rules: Rules): RecordScore {
  const labelled = readJsonLines<LabelledMessage>(path)
  const predicted = new Map(labelled.map((m) => [m.id, parseChatText(m.text, m.sentAt, { calendar: rules.calendar, timeZone: rules.timeZone })]))
  return scoreRecords(labelled, predicted)
}

/** The replay of a labelled conversation file against its labels (`x.jsonl` beside `x.labels.jsonl`). */
export async function scoreConversations(path: string, rules: Rules, labelsPath = labelsBeside(path)): Promise<LedgerScore> {
  const { labels, ledger } = await replayLabelled(path, rules, labelsPath)
  return scoreLedger(labels, ledger)
}

/** `x.labels.jsonl` beside `x.jsonl`. */
export const labelsBeside = (path: string): string => path.replace(/\.jsonl$/u, '.labels.jsonl')

/**
 * Who wrote a room: the prefix of its messages' ids before the first '-', its trailing digits
 * dropped ("b3-01" → b; "ht-01" → ht): one writer writes several rooms, numbered.
 */
export const writerOf = (messageId: string): string => (messageId.split('-')[0] ?? '').replace(/\d+$/u, '') || messageId

/** One writer's rooms scored apart, beside all the others' rooms scored together. */
export interface WriterScore {
  writer: string
  rooms: number
  issues: number
  /** The writer's own rooms. */
  own: LedgerScore
  /** Every other writer's rooms. */
  rest: LedgerScore
}

/**
 * Leave one writer out: the replay of every room once, then each writer's rooms scored apart from
 * the rest. The parser has no learned parts (its rules are hand-written), so nothing is retrained
 * without the writer: the table shows how far the rules, tuned on all rooms, carry to each writer.
 */
export async function scoreByWriter(path: string, rules: Rules, labelsPath = labelsBeside(path)): Promise<WriterScore[]> {
  const { events, labels, ledger } = await replayLabelled(path, rules, labelsPath)
  const writerOfRoom = new Map<string, string>()
  for (const e of events) if (!writerOfRoom.has(e.room)) writerOfRoom.set(e.room, writerOf(e.id))
  const writers = [...new Set(labels.map((l) => writerOfRoom.get(l.room) ?? '?'))].sort()
  return writers.map((writer) => {
    const mine = (room: string | null) => (writerOfRoom.get(room ?? '') ?? '?') === writer
    const own = labels.filter((l) => mine(l.room))
    const rest = labels.filter((l) => !mine(l.room))
    return {
      writer,
      rooms: own.length,
      issues: own.reduce((n, l) => n + (l.issues?.length ?? 0), 0),
      own: scoreLedger(own, ledger.filter((p) => mine(p.room))),
      rest: scoreLedger(rest, ledger.filter((p) => !mine(p.room))),
    }
  })
}

async function replayLabelled(path: string, rules: Rules, labelsPath: string) {
  const seen = new Map<string, { room: string; sender: string }>()
  const events = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const event = readChatEvent(line, seen)
      if (typeof event === 'string') throw new Error(`${path} 第 ${i + 1} 行：${event}`)
      return event
    }) satisfies ChatEvent[]
  const labels = readJsonLines<LabelledRoom>(labelsPath)
  return { events, labels, ledger: await replayConversation(events, rules) }
}

/**
 * Single messages grouped by the site they were taken from (a `site` field), each site scored apart
 * beside the others; an empty list when the file names no sites.
 */
export function scoreBySite(path: string, rules: Rules): { site: string; messages: number; own: RecordScore; rest: RecordScore }[] {
  const labelled = readJsonLines<LabelledMessage & { site?: string }>(path)
  if (!labelled.some((m) => typeof m.site === 'string')) return []
  const predicted = new Map(labelled.map((m) => [m.id, parseChatText(m.text, m.sentAt, { calendar: rules.calendar, timeZone: rules.timeZone })]))
  const sites = [...new Set(labelled.map((m) => m.site ?? '?'))].sort()
  return sites.map((site) => {
    const own = labelled.filter((m) => (m.site ?? '?') === site)
    return { site, messages: own.length, own: scoreRecords(own, predicted), rest: scoreRecords(labelled.filter((m) => (m.site ?? '?') !== site), predicted) }
  })
}
