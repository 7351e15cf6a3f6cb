import { dirname } from 'node:path'
import type { CommandDefinition } from './bot/command.ts'
import { createInbox } from './bot/inbox.ts'
import { createRouter } from './bot/router.ts'
import { createTransport, type Puppet, type Transport } from './bot/transport.ts'
import { wechatyDirectory } from './bot/wechaty-directory.ts'
import { systemClock, type Clock } from './clock.ts'
import type { Rules } from './domain/rules.ts'
import { startJobs, type JobDefinition, type JobSchedule, type Jobs } from './jobs/index.ts'
import type { Logger } from './log.ts'
import { OutboxSender } from './outbox/sender.ts'
import type { Settings } from './settings.ts'
import { nextOutboxAttemptAt, type Db } from './store/index.ts'

/** Everything the bot is made of; main.ts, the console and the end-to-end tests build it alike. */
export interface AppOptions {
  rules: Rules
  /** An open, migrated store. */
  db: Db
  /** A puppet instance (PuppetService, PuppetMock) or a puppet package name. */
  puppet: Puppet
  /** The chat commands the bot answers. */
  commands: readonly CommandDefinition[]
  /** The data folder (DATABASE_PATH's): where commands write the files they send (/导出). */
  dataDir: string
  /** The scheduled jobs it runs once logged in, and when. */
  jobs: readonly JobDefinition[]
  schedule: JobSchedule
  clock: Clock
  log: Logger
  /** SEND_INTERVAL_MS: least time between two sends, before jitter. */
  sendIntervalMs: number
  loginTimeoutMs: number
  /** Restart the puppet after this long offline (production); absent in the console. */
  supervisor?: { offlineMs: number; checkEveryMs: number } | undefined
  /** For tests: pin the pacing jitter. */
  random?: () => number
}

export interface App {
  transport: Transport
  sender: OutboxSender
  /** Connects, waits for login (throws `LoginError` when it does not come), then sends and runs jobs. */
  start(): Promise<void>
  /** Resolves once every message received so far is handled and the outbox is empty (or `timeoutMs` passed). */
  drained(timeoutMs?: number): Promise<void>
  /** Stops cleanly: the jobs, the send in flight (finished and recorded), WeChat, then what was received. */
  stop(): Promise<void>
}

/** The options every run shares, from the settings: `npm start`, the console, the end-to-end tests. */
export function appOptions(
  { config, rules }: Settings,
  db: Db,
  commands: readonly CommandDefinition[],
  log: Logger,
  clock: Clock = systemClock,
): Omit<AppOptions, 'puppet' | 'jobs'> {
  return {
    rules,
    db,
    commands,
    dataDir: dirname(config.databasePath),
    schedule: config.schedule,
    clock,
    log,
    sendIntervalMs: config.sendIntervalMs,
    loginTimeoutMs: config.loginTimeoutMs,
  }
}

/**
 * The whole bot: WeChat (transport) → inbox → router → store, replies into the outbox, the paced
 * sender back out to WeChat, and the jobs on their schedule.
 */
export function createApp(o: AppOptions): App {
  const transport = createTransport({
    puppet: o.puppet,
    onMessage: (arrival) => inbox.push(arrival),
    loginTimeoutMs: o.loginTimeoutMs,
    supervisor: o.supervisor,
    clock: o.clock,
    log: o.log,
  })
  const router = createRouter({
    rules: o.rules,
    clock: o.clock,
    commands: o.commands,
    botName: transport.botName,
    roomExists: transport.roomExists,
    dataDir: o.dataDir,
    log: o.log,
  })
  const sender = new OutboxSender({
    db: o.db,
    send: transport.send,
    isOnline: transport.isOnline,
    clock: o.clock,
    intervalMs: o.sendIntervalMs,
    log: o.log,
    ...(o.random ? { random: o.random } : {}),
  })
  const inbox = createInbox({ db: o.db, router, log: o.log, afterBatch: () => sender.wake() })
  let jobs: Jobs | undefined

  return {
    transport,
    sender,
    async start() {
      await transport.start()
      sender.start()
      if (o.jobs.length === 0) return
      // Once logged in: a run missed while the bot was down goes out now.
      jobs = startJobs(
        {
          db: o.db,
          clock: o.clock,
          rules: o.rules,
          schedule: o.schedule,
          log: o.log,
          directory: wechatyDirectory(transport.wechaty),
          wake: () => sender.wake(),
        },
        o.jobs,
      )
    },
    async drained(timeoutMs = 30_000) {
      // Quiet means: nothing arrived, nothing in hand, nothing queued, for a little while (a message
      // emitted by the puppet reaches the inbox only after Wechaty loads its payload).
      const deadline = performance.now() + timeoutMs
      let quietSince = performance.now()
      let seen = inbox.received
      while (performance.now() < deadline) {
        await inbox.settled()
        const idle = inbox.received === seen && (await nextOutboxAttemptAt(o.db)) === null
        if (!idle) {
          seen = inbox.received
          quietSince = performance.now()
        } else if (performance.now() - quietSince >= 300) {
          return
        }
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    async stop() {
      await jobs?.stop()
      await sender.stop()
      // Stop receiving before settling: a message arriving meanwhile is still handled and stored
      // (its replies wait in the outbox for the next start), never cut off by the database closing.
      await transport.stop()
      await inbox.settled()
    },
  }
}
