/**
 * `npm run --silent replay < conversation.jsonl > ledger.json`
 * Replays a whole conversation (one chat event per line: {"id","room","sender","text","sentAt"},
 * with "quote" or "recall" as WeChat has them) into a fresh temporary database through the bot's
 * own router, parser and store, and prints the ledger it leaves as one JSON object. A bad line is
 * named on stderr by its number and skipped; the exit code is then 1.
 */
import { createInterface } from 'node:readline'
import { settingsFromEnv } from '../settings.ts'
import { readChatEvent, replayConversation, type ChatEvent } from './replay-conversation.ts'

async function main(): Promise<number> {
  const { rules } = settingsFromEnv(process.env)
  const events: ChatEvent[] = []
  const seen = new Map<string, { room: string; sender: string }>()
  let failed = false
  let lineNumber = 0
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++
    if (line.trim() === '') continue
    const event = readChatEvent(line, seen)
    if (typeof event === 'string') {
      process.stderr.write(`第 ${lineNumber} 行：${event}；已跳过\n`)
      failed = true
      continue
    }
    events.push(event)
  }
  const projects = await replayConversation(events, rules)
  process.stdout.write(`${JSON.stringify({ projects })}\n`)
  return failed ? 1 : 0
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`回放失败：${(error as Error).message}\n`)
  return 1
})
