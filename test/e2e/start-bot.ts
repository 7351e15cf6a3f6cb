import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PuppetService } from 'wechaty-puppet-service'
import { commands } from '../../commands/index.ts'
import { appOptions, createApp, openAppStore, type App } from '../../src/app.ts'
import type { SupervisorSettings } from '../../src/wechat/transport.ts'
import { systemClock, type Clock } from '../../src/clock.ts'
import type { JobDefinition } from '../../src/jobs/index.ts'
import type { Logger } from '../../src/log.ts'
import { settingsFromEnv, type Settings } from '../../src/settings.ts'
import { enqueueText } from '../../src/outbox/enqueue.ts'
import type { Db } from '../../src/store/index.ts'
import { isolateHome, waitFor, WireHarness } from './harness.ts'

export interface BotUnderTest {
  app: App
  settings: Settings
  db: Db
  dbPath: string
  logs: string[]
  /** Queues a text as the jobs do (a message of its own, never folded with others), and wakes the sender. */
  say(roomId: string, text: string): Promise<void>
  /**
   * Waits until WeChat messages are in the ledger, handled with whatever they recorded, and the
   * replies they queued are sent: for a message with no reply to wait for. (Being quiet for a
   * moment is not enough on a busy machine: a message may still be on its way over the wire.)
   */
  handled(...wechatIds: string[]): Promise<void>
  stop(): Promise<void>
}

export interface BotTestOptions {
  dbPath?: string
  /** Settings as the environment would give them (BOT_ADMINS, SEND_INTERVAL_MS, …), over the tests' defaults. */
  env?: Record<string, string>
  clock?: Clock
  jobs?: readonly JobDefinition[]
  supervisor?: SupervisorSettings
}

/**
 * Starts duban against the harness over gRPC, the way production connects, through the same wiring
 * as `npm start` (settings → rules → app), and waits for login.
 */
export async function startBot(h: WireHarness, options: BotTestOptions = {}): Promise<BotUnderTest> {
  const dbPath = options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'duban-e2e-db-')), 'duban.sqlite')
  const logs: string[] = []
  const log: Logger = {
    info: (l) => logs.push(`info ${l}`),
    warn: (l) => logs.push(`warn ${l}`),
    error: (l) => logs.push(`error ${l}`),
  }
  const db = await openAppStore(dbPath, log)
  // No whiteboard unless a test asks for one (WEB_PORT): bots of parallel test files would share a port.
  // DATABASE_PATH is the file under test, so the data folder (where /导出 writes) is its folder.
  const settings = settingsFromEnv({
    BOT_ADMINS: '管理员',
    SEND_INTERVAL_MS: '5',
    LOGIN_TIMEOUT_SECONDS: '10',
    WEB_PORT: '0',
    DATABASE_PATH: dbPath,
    ...options.env,
  })
  const app = createApp({
    ...appOptions(settings, db, commands, log, options.clock ?? systemClock),
    puppet: new PuppetService({ endpoint: h.endpoint, token: h.token, tls: { disable: true } }),
    jobs: options.jobs ?? [],
    supervisor: options.supervisor,
    random: () => 0,
    spillPath: `${dbPath}-spill`,
  })
  const started = app.start()
  // The mock neither logs in nor says ready by itself: do it once the client has started it.
  await waitFor(() => h.puppet.state.active(), 10_000, () => 'the puppet behind the server never started')
  h.loginBot()
  await started
  return {
    app,
    settings,
    db,
    dbPath,
    logs,
    async say(roomId, text) {
      await enqueueText(db, { target: { kind: 'room', id: roomId }, text, dedupeKey: `e2e:${randomUUID()}` }, new Date())
      app.sender.wake()
    },
    async handled(...wechatIds) {
      const stored = async () => (await db.selectFrom('messages').select('wechat_id').where('wechat_id', 'in', wechatIds).execute()).length
      await waitFor(async () => (await stored()) === wechatIds.length, 10_000, () => `messages ${wechatIds.join(', ')} were not all handled`)
      await app.drained()
    },
    async stop() {
      await app.stop()
      await db.destroy()
    },
  }
}

/**
 * What most test files start with: a private HOME, a harness, and duban connected to it over
 * gRPC. A harness whose bot did not start is stopped again here.
 */
export async function startOnWire(options: BotTestOptions = {}): Promise<{ h: WireHarness; b: BotUnderTest }> {
  isolateHome()
  const h = await WireHarness.start()
  try {
    return { h, b: await startBot(h, options) }
  } catch (error) {
    await h.stop()
    throw error
  }
}

/** Stops what `startOnWire` started, the bot first; either may be missing when starting failed. */
export async function stopOnWire(h: WireHarness | undefined, b: BotUnderTest | undefined): Promise<void> {
  await b?.stop()
  await h?.stop()
}
