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
export async function scoreConversations(path: string, rules: Rules): Promise<LedgerScore> {
  const seen = new Map<string, { room: string; sender: string }>()
  const events = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const event = readChatEvent(line, seen)
      if (typeof event === 'string') throw new Error(`${path} 第 ${i + 1} 行：${event}`)
      return event
    }) satisfies ChatEvent[]
  const labels = readJsonLines<LabelledRoom>(path.replace(/\.jsonl$/u, '.labels.jsonl'))
  return scoreLedger(labels, await replayConversation(events, rules))
}
