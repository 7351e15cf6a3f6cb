import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PuppetService } from 'wechaty-puppet-service'
import type { DigestCommandSettings } from '../../commands/define-command.ts'
import { DEFAULT_TEAM_NAMES } from '../../src/domain/teams.ts'
import { createBot, type Bot } from '../../src/bot/create-bot.ts'
import type { Logger } from '../../src/bot/logger.ts'
import { loadCalendar } from '../../src/calendar/load-calendar.ts'
import { systemClock, type Clock } from '../../src/clock.ts'
import { parseMessage } from '../../src/parse/parse-message.ts'
import { migrateToLatest, openDatabase, type Db } from '../../src/store/index.ts'
import { waitFor, type WireHarness } from './harness.ts'

export interface BotUnderTest {
  bot: Bot
  db: Db
  dbPath: string
  logs: string[]
  stop(): Promise<void>
}

export interface BotTestOptions {
  dbPath?: string
  admins?: string[]
  sendIntervalMs?: number
  clock?: Clock
  supervisor?: { offlineMs: number; checkEveryMs: number }
  /** Slow-project rules and recipients for /digest. */
  digest?: DigestCommandSettings
}

/** Starts duban against the harness over gRPC, the way production connects, and waits for login. */
export async function startBot(h: WireHarness, options: BotTestOptions = {}): Promise<BotUnderTest> {
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'duban-e2e-db-')), 'duban.sqlite')
  const db = openDatabase(dbPath)
  await migrateToLatest(db)
  const logs: string[] = []
  const log: Logger = {
    info: (l) => logs.push(`info ${l}`),
    warn: (l) => logs.push(`warn ${l}`),
    error: (l) => logs.push(`error ${l}`),
  }
  const calendar = loadCalendar()
  const bot = createBot({
    puppet: new PuppetService({ endpoint: h.endpoint, token: h.token, tls: { disable: true } }),
    db,
    clock: options.clock ?? systemClock,
    calendar,
    parse: (text, sentAt) => parseMessage(text, sentAt, { calendar }),
    settings: {
      admins: options.admins ?? ['管理员'],
      projectRoomPattern: /^【项目】(.+?)(推进群|工作群|群)?$/u,
      slaWorkingDays: 7,
      timezone: 'Asia/Shanghai',
      teamNames: DEFAULT_TEAM_NAMES,
      digest: options.digest,
      sendIntervalMs: options.sendIntervalMs ?? 5,
      loginTimeoutMs: 10_000,
    },
    log,
    random: () => 0,
    ...(options.supervisor ? { supervisor: options.supervisor } : {}),
  })
  const started = bot.start()
  // The mock neither logs in nor says ready by itself: do it once the client has started it.
  await waitFor(() => h.puppet.state.active(), 10_000, () => 'the puppet behind the server never started')
  h.loginBot()
  await started
  return {
    bot,
    db,
    dbPath,
    logs,
    async stop() {
      await bot.stop()
      await db.destroy()
    },
  }
}
