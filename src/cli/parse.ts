/**
 * `npm run --silent parse < messages.jsonl > records.jsonl`
 * One JSON object in per line ({"id","text","sentAt"}), one out per line in the same order
 * ({"id","records":[…]}). A bad line is reported on stderr with its number, the rest still go
 * through, and the exit code is 1 at the end. Streams, so 100,000 lines fit in little memory.
 */
import { createInterface } from 'node:readline'
import { once } from 'node:events'
import { loadCalendar } from '../calendar/load-calendar.ts'
import { parseChatText } from '../parse/parse-chat-text.ts'

// The same calendar as the bot: the bundled official data plus the local override file, if any.
const calendar = loadCalendar(process.env['HOLIDAYS_FILE'] || 'data/holidays.json')

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
    return 'not valid JSON'
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object'
  const { id, text, sentAt } = value as Record<string, unknown>
  const missing = [
    typeof id === 'string' || typeof id === 'number' ? null : '"id"',
    typeof text === 'string' ? null : '"text"',
    typeof sentAt === 'string' && !Number.isNaN(Date.parse(sentAt)) ? null : '"sentAt" (an ISO time)',
  ].filter((m) => m !== null)
  if (missing.length > 0) return `lacks ${missing.join(', ')}`
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
      process.stderr.write(`line ${lineNumber}: ${input}; skipped\n`)
      failed = true
      continue
    }
    let out: string
    try {
      out = JSON.stringify({ id: input.id, records: parseChatText(input.text, input.sentAt, { calendar }) })
    } catch (error) {
      process.stderr.write(`line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}; skipped\n`)
      failed = true
      continue
    }
    // Respect back-pressure so a slow reader does not make us hold every line in memory.
    if (!process.stdout.write(out + '\n')) await once(process.stdout, 'drain')
  }
  return failed ? 1 : 0
}

process.exitCode = await main()
