import { dirname } from 'node:path'
import type { CommandDefinition } from './core/command.ts'
import { createAdminRoster } from './core/admin-roster.ts'
import { createInbox } from './core/inbox.ts'
import { createRouter } from './core/router.ts'
import { tellAdminsWhenStuck } from './wechat/stuck-notice.ts'
import { createTransport, type Puppet, type SupervisorSettings, type Transport } from './wechat/transport.ts'
import { wechatyDirectory } from './wechat/wechaty-directory.ts'
// The benchmark starts the app on an in-process mock WeChat the way the console does.
export { startOnMock } from './wechat/mock-login.ts'
import { systemClock, type Clock } from './clock.ts'
import type { Rules } from './domain/rules.ts'
import { runJobsBetween, startJobs, watchHolidayFile, type HolidayReload, type JobDefinition, type JobDeps, type JobSchedule, type Jobs } from './jobs/index.ts'
import type { Logger } from './log.ts'
import { OutboxSender } from './outbox/sender.ts'
import type { Settings } from './settings.ts'
import { getOrCreateBoardSecret, listArrivals, migrateToLatest, nextOutboxAttemptAt, noteArrivals, openDatabase, SpillFile, tightenDatabaseMode, type Db } from './store/index.ts'
import { boardLink, startBoardServer, type BoardLink, type BoardServer, type BoardSettings } from './web/index.ts'

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
  /** Keep the link to WeChat alive (production); absent in the console. */
  supervisor?: SupervisorSettings | undefined
  /** The whiteboard (WEB_PORT…); absent or undefined: no board. */
  board?: BoardSettings | undefined
  /** For tests: pin the pacing jitter. */
  random?: () => number
  /** HOLIDAYS_FILE: watched while running, a year imported into it takes effect at once. */
  holidaysFile?: string | undefined
  /** The instance lock's token (instance.ts): the sender claims outbox items under it. */
  owner?: string | undefined
  /** The file kept in advance for arriving ids while the disk is full (SpillFile): DATABASE_PATH-spill. */
  spillPath?: string | undefined
}

export interface App {
  transport: Transport
  sender: OutboxSender
  /**
   * Starts the whiteboard (throws `BoardServerError` when its port is taken), connects, waits for
   * login (throws `LoginError` when it does not come), then sends and runs jobs.
   */
  start(): Promise<void>
  /** A link to the whiteboard valid from now; undefined when the board is off or not started. */
  boardLink(): BoardLink | undefined
  /** Resolves once every message received so far is handled and the outbox is empty (or `timeoutMs` passed). */
  drained(timeoutMs?: number): Promise<void>
  /**
   * Stops cleanly: the board, the jobs, the send in flight (finished and recorded), what was
   * received (handled while still listening), then WeChat. Messages that arrive from then on are
   * noted for the next process until the database closes. `keepConnection` (npm start's SIGTERM)
   * leaves the link to the puppet service to end with the process: the account stays logged in on
   * the service and the stream stays heard until the very end, for a process taking over.
   */
  stop(options?: { keepConnection?: boolean }): Promise<void>
  /**
   * The console's clock jump: runs each of `jobs` at every time of its schedule after `from` and up
   * to `to`, the clock set to that time by `setClock` first; resolves to how many times were due.
   */
  runJobsBetween(jobs: readonly JobDefinition[], from: Date, to: Date, setClock: (at: Date) => void, afterRun?: () => Promise<void>): Promise<number>
}

/**
 * How long one write waits for another process's lock before the inbox backs off and tries the
 * batch again: SQLite waits synchronously, and a longer wait would freeze the whole bot with it.
 */
const BUSY_TIMEOUT_MS = 1_000

/**
 * The bot's database, as `npm start` and the end-to-end tests open it: a file restored with a wider
 * mode is taken back to owner-only first (and said so), then opened, handed to `beforeMigrate`
 * (`npm start` takes the instance lock there), and migrated.
 */
export async function openAppStore(path: string, log: Logger, beforeMigrate?: (db: Db) => Promise<void>): Promise<Db> {
  const mode = (m: number) => `0${m.toString(8).padStart(3, '0')}`
  for (const { file, before, after } of tightenDatabaseMode(path)) {
    log.warn(
      after === null
        ? `数据库文件 ${file} 的权限是 ${mode(before)}（其他账户可读），无法修改（文件不属于运行机器人的账户）：请执行 chmod go-rwx ${file}`
        : `数据库文件 ${file} 的权限是 ${mode(before)}（其他账户可读），已改为 ${mode(after)}（仅所有者可读写）`,
    )
  }
  const db = openDatabase(path, { busyTimeoutMs: BUSY_TIMEOUT_MS })
  try {
    // The instance lock (instance.ts), taken before the schema changes under another process.
    await beforeMigrate?.(db)
    await migrateToLatest(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return db
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
    board: config.board,
    holidaysFile: config.holidaysFile,
  }
}

/**
 * The whole bot: WeChat (transport) → inbox → router → store, replies into the outbox, the paced
 * sender back out to WeChat, the jobs on their schedule, and the whiteboard reading the store.
 */
export function createApp(o: AppOptions): App {
  // The board's signing secret, known once started: BOARD_SECRET or the one kept in the database.
  let boardSecret: string | undefined
  let boardServer: BoardServer | undefined
  const link = (now: Date): BoardLink | undefined => (o.board && boardSecret !== undefined ? boardLink(o.board, boardSecret, now) : undefined)
  const transport = createTransport({
    puppet: o.puppet,
    onMessage: (arrival) => inbox.push(arrival),
    onAnnounced: (id) => inbox.note(id),
    onDropped: (id) => inbox.drop(id),
    loginTimeoutMs: o.loginTimeoutMs,
    supervisor: o.supervisor,
    clock: o.clock,
    log: o.log,
  })
  const admins = createAdminRoster({ entries: o.rules.admins, lookup: { contactName: transport.contactName, contactsNamed: transport.contactsNamed }, clock: o.clock, log: o.log })
  const router = createRouter({
    admins,
    rules: o.rules,
    clock: o.clock,
    commands: o.commands,
    botName: transport.botName,
    roomExists: transport.roomExists,
    contactName: transport.contactName,
    board: o.board
      ? {
          link(now) {
            const made = link(now)
            if (!made) throw new Error('the board is not started')
            return made
          },
        }
      : undefined,
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
    onStuck: tellAdminsWhenStuck({ db: o.db, clock: o.clock, admins, directory: wechatyDirectory(transport.wechaty) }),
    ...(o.random ? { random: o.random } : {}),
    ...(o.owner ? { owner: o.owner } : {}),
  })
  const spill = o.spillPath ? SpillFile.open(o.spillPath) : undefined
  const inbox = createInbox({ db: o.db, router, clock: o.clock, log: o.log, afterBatch: () => sender.wake(), spill })
  let jobs: Jobs | undefined
  let holidayReload: HolidayReload | undefined
  const jobDeps = (): JobDeps => ({
    db: o.db,
    clock: o.clock,
    // BOT_ADMINS read when a job runs: the ids names were tied to, not names anyone may take.
    rules: {
      ...o.rules,
      get admins() {
        return admins.listed()
      },
    },
    schedule: o.schedule,
    log: o.log,
    directory: wechatyDirectory(transport.wechaty),
    wake: () => sender.wake(),
  })

  return {
    transport,
    sender,
    async start() {
      if (o.holidaysFile) {
        const { calendar, slaWorkingDays } = o.rules
        holidayReload = watchHolidayFile({ path: o.holidaysFile, calendar, db: o.db, clock: o.clock, log: o.log, slaWorkingDays })
      }
      if (o.board) {
        boardSecret = o.board.secret ?? (await getOrCreateBoardSecret(o.db, o.clock.now()))
        boardServer = await startBoardServer(o.board, { db: o.db, rules: o.rules, clock: o.clock, log: o.log, secret: boardSecret, dataDir: o.dataDir })
      }
      await transport.start()
      // Logged in: BOT_ADMINS's names become the ids they stand for, before any message is read.
      await admins.resolve(o.db)
      // Announced by the service before the last run ended, never handled (a kill -9 in mid-burst,
      // or while the disk was full: those are in the spill file).
      if (spill && spill.leftOver.length > 0) {
        await noteArrivals(o.db, spill.leftOver, o.clock.now())
        spill.clear()
      }
      const unhandled = await listArrivals(o.db)
      if (unhandled.length > 0) {
        o.log.info(`上次运行时已收到、尚未处理的 ${unhandled.length} 条消息，重新从微信服务读取`)
        await transport.fetchAgain(unhandled)
      }
      sender.start()
      if (o.jobs.length === 0) return
      // Once logged in: a run missed while the bot was down goes out now.
      jobs = startJobs(jobDeps(), o.jobs)
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
    boardLink: () => link(o.clock.now()),
    runJobsBetween: (list, from, to, setClock, afterRun) => runJobsBetween(jobDeps(), list, from, to, setClock, afterRun),
    async stop(options) {
      holidayReload?.stop()
      holidayReload = undefined
      await boardServer?.close()
      boardServer = undefined
      await jobs?.stop()
      await sender.stop()
      // Still listening: what has arrived is handled and stored (its replies wait in the outbox for
      // the next start); then arrivals are only noted, never cut off by the database closing.
      await inbox.settled()
      inbox.close()
      await inbox.settled()
      if (options?.keepConnection) return
      await transport.stop()
      await inbox.settled()
      spill?.close()
    },
  }
}
