/**
 * `npm run --silent parse < messages.jsonl > records.jsonl`
 * One JSON object in per line ({"id","text","sentAt"}), one out per line in the same order
 * ({"id","records":[…]}). A bad line is reported on stderr with its number, the rest still go
 * through, and the exit code is 1 at the end. Streams, so 100,000 lines fit in little memory.
 * `-- --explain` prints instead, for each message, which rules fired and why (explain-text.ts).
 */
import { createInterface } from 'node:readline'
import { once } from 'node:events'
import { loadCalendar } from '../calendar/load-calendar.ts'
import { explainChatText } from '../parse/parse-chat-text.ts'
import { explainText } from './explain-text.ts'
import { readInstant } from './instant.ts'

// The same calendar as the bot: the bundled official data plus the local override file, if any.
const calendar = loadCalendar(process.env['HOLIDAYS_FILE'] || 'data/holidays.json')
const explain = process.argv.includes('--explain')

interface InputLine {
  id: string
  text: string
  sentAt: string
}

function readLine(line: string): InputLine | string {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return '不是合法的 JSON'
  }
  if (typeof value !== 'object' || value === null) return '不是一个 JSON 对象'
  const { id, text, sentAt } = value as Record<string, unknown>
  const missing = [
    typeof id === 'string' || typeof id === 'number' ? null : '"id"',
    typeof text === 'string' ? null : '"text"',
    typeof sentAt === 'string' && readInstant(sentAt) ? null : '"sentAt"（时间，例如 2026-03-02T09:15:00+08:00）',
  ].filter((m) => m !== null)
  if (missing.length > 0) return `缺少 ${missing.join('、')}`
  return { id: String(id), text: text as string, sentAt: sentAt as string }
}

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

async function main(): Promise<number> {
  let failed = false
  let lineNumber = 0
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    lineNumber++
    if (line.trim() === '') continue
    const input = readLine(line)
    if (typeof input === 'string') {
      process.stderr.write(`第 ${lineNumber} 行：${input}；已跳过\n`)
      failed = true
      continue
    }
    let out: string
    try {
      const explained = explainChatText(input.text, input.sentAt, { calendar })
      out = explain ? `${explainText(input.id, input.text, explained)}\n` : JSON.stringify({ id: input.id, records: explained.records })
    } catch (error) {
      process.stderr.write(`第 ${lineNumber} 行：${error instanceof Error ? error.message : String(error)}；已跳过\n`)
      failed = true
      continue
    }
    // Respect back-pressure so a slow reader does not make us hold every line in memory.
    if (!process.stdout.write(out + '\n')) await once(process.stdout, 'drain')
  }
  return failed ? 1 : 0
}

process.exitCode = await main()
