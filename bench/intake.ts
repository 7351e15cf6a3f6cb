/**
 * `npm run bench -- intake`: what one group message costs inside the process, from the text read
 * off the wire to the rows and the queued confirmation (parse + store + outbox), and where it goes:
 * the parser, SQLite, kysely compiling queries, and the rest (the router, kysely running them).
 * Messages go through the production router in the inbox's batches, on a real SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commands } from '../commands/index.ts'
import { readChatText } from '../src/parse/chat-text.ts'
import type { ChatMessage } from '../src/core/chat-message.ts'
import { createRouter } from '../src/core/router.ts'
import { FakeClock } from '../src/clock.ts'
import { silentLogger } from '../src/log.ts'
import { parseMessage } from '../src/parse/parse-message.ts'
import { settingsFromEnv } from '../src/settings.ts'
import { migrateToLatest, openDatabase } from '../src/store/index.ts'
import { QueryProfile } from './query-profile.ts'
import { groupTexts } from './lines.ts'

const GROUPS = 1_000
const MESSAGES = 20_000
/** The inbox's batch: messages that arrive together share a transaction. */
const BATCH = 200

/** The benches' group chat (lines.ts) as the router receives it, round robin over the groups. */
export function groupMessages(root: string, count: number, groups: number, from = 0): ChatMessage[] {
  const texts = groupTexts(root)
  return Array.from({ length: count }, (_, k) => {
    const i = from + k
    const text = texts(i)
    const g = i % groups
    return {
      id: `bench-${i}`,
      kind: 'text',
      text,
      ...readChatText(text, 'text'),
      talker: { id: `wxid_member${i % 7}`, name: `成员${i % 7}` },
      room: { id: `bench${g}@chatroom`, topic: `【项目】项目${g}推进群`, ownerId: undefined },
      mentionIds: [],
      mentionsBot: false,
      sentAt: new Date(Date.UTC(2026, 2, 2, 1) + i * 1000),
    }
  })
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}

export async function benchIntake(root: string, report: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-intake-'))
  const profile = new QueryProfile()
  const db = openDatabase(join(dir, 'bench.sqlite'), { timer: profile })
  await migrateToLatest(db)
  const { rules } = settingsFromEnv({})
  const router = createRouter({ rules, clock: new FakeClock('2026-03-02T09:00:00+08:00'), commands, botName: () => '督办助手', dataDir: dir, log: silentLogger })
  const run = async (messages: ChatMessage[]) => {
    for (let i = 0; i < messages.length; i += BATCH) {
      await router.inBatch(db, async (handle) => {
        for (const msg of messages.slice(i, i + BATCH)) await handle(msg)
      })
    }
  }
  // Every group is bound by its first message; then the measured run over bound groups.
  await run(groupMessages(root, GROUPS, GROUPS))
  const messages = groupMessages(root, MESSAGES, GROUPS, GROUPS)
  profile.reset()
  const cpu = process.cpuUsage()
  const started = performance.now()
  await run(messages)
  const totalMs = cpuMs(cpu)
  const wallMs = performance.now() - started
  const sql = { ms: profile.sqlMs, statements: profile.statements }
  const compile = { ms: profile.compileMs, count: profile.compiles }

  const parseCpu = process.cpuUsage()
  for (const m of messages) {
    if (!m.command) parseMessage({ body: m.body, quoted: m.quote?.text, sentAt: m.sentAt }, { calendar: rules.calendar, timeZone: rules.timeZone })
  }
  const parseMs = cpuMs(parseCpu)
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })

  const per = (ms: number) => `${((ms * 1000) / MESSAGES).toFixed(0)} µs`
  report(
    `入库（进程内）：${MESSAGES.toLocaleString('en')} 条消息、${GROUPS} 个已绑定的群（每十条中三条是 corpus/ 里的汇报，七条是闲聊），` +
      `每 ${BATCH} 条一个事务：每条消息 CPU ${per(totalMs)}（目标 ≤ 100 µs；实际耗时 ${per(wallMs)}）`,
  )
  report(
    `入库：每条消息的耗时构成——解析 ${per(parseMs)}，SQLite ${per(sql.ms)}（${(sql.statements / MESSAGES).toFixed(1)} 条语句），` +
      `kysely 编译查询 ${per(compile.ms)}（${(compile.count / MESSAGES).toFixed(2)} 个查询），` +
      `路由、kysely 执行语句及其他 ${per(totalMs - parseMs - sql.ms - compile.ms)}`,
  )
}
