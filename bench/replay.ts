/**
 * `npm run bench -- replay`: `npm run replay` over 10,000 chat events, timed as a user runs it
 * (a process of its own, start-up included). The events are the repository's labelled
 * conversations (corpus/conversations.jsonl) said again and again in new groups.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ChatEvent } from '../src/cli/replay-conversation.ts'

const EVENTS = 10_000

/** The corpus's conversations copied until there are `count` events, each copy in groups of its own. */
function manyConversations(root: string, count: number): string {
  const corpus = readFileSync(resolve(root, 'corpus/conversations.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as ChatEvent)
  const lines: string[] = []
  for (let copy = 0; lines.length < count; copy++) {
    for (const e of corpus) {
      if (lines.length >= count) break
      const id = (x: string) => `${x}-c${copy}`
      // "【项目】恒拓新能源电机项目推进群" → "【项目】恒拓新能源电机项目推进群·3": every room name, whatever its ending.
      const event: ChatEvent = { ...e, id: id(e.id), room: `${e.room}·${copy}` }
      if (e.quote) event.quote = id(e.quote)
      if (e.recall) event.recall = id(e.recall)
      lines.push(JSON.stringify(event))
    }
  }
  return lines.join('\n') + '\n'
}

export async function benchReplay(root: string, report: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-replay-'))
  const input = join(dir, 'conversations.jsonl')
  writeFileSync(input, manyConversations(root, EVENTS))
  try {
    const started = performance.now()
    const { code, projects } = await new Promise<{ code: number | null; projects: number }>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli/replay.ts')], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.on('error', fail)
      child.on('close', (exit) => done({ code: exit, projects: exit === 0 ? (JSON.parse(out) as { projects: unknown[] }).projects.length : 0 }))
      child.stdin.end(readFileSync(input))
    })
    const seconds = (performance.now() - started) / 1000
    if (code !== 0) throw new Error(`回放：npm run replay 异常退出（退出码 ${code}）`)
    report(`回放：npm run replay 处理 ${EVENTS.toLocaleString('en')} 条聊天事件（输出 ${projects} 个群的台账），含启动共用时 ${seconds.toFixed(1)} 秒（目标 < 10 秒）`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
