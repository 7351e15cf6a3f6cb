import { commands } from '../commands/index.ts'
import { appOptions, createApp, openAppStore } from './app.ts'
import { connectionPuppet, setWechatyLogLevel } from './wechat/connection-puppet.ts'
import { CONSOLE_OWNER, runConsole } from './wechat/console.ts'
import { LoginError } from './wechat/transport.ts'
import { consoleDatabasePath } from './config.ts'
import { jobs } from './jobs/index.ts'
import { databaseProblem } from './database-problem.ts'
import { holdInstance, InstanceRefusedError, type InstanceHold } from './instance.ts'
import { hideSecretsInOutput } from './hide-secrets.ts'
import { MovableClock } from './clock.ts'
import { consoleLogger } from './log.ts'
import { systemClock } from './clock.ts'
import { readSettings, type Settings } from './settings.ts'
import type { Db } from './store/index.ts'
import { renderLoginFailure } from './text/start-up.ts'
import { BoardServerError } from './web/index.ts'

/** A stream that says nothing for 10 s is asked for a dong, and restarted without one (supervisor.ts). */
const SUPERVISOR = { offlineMs: 60_000, silentMs: 10_000, checkEveryMs: 1_000 }

/** DATABASE_PATH could not be opened: main says why in one line and exits 1. */
class StoreOpenError extends Error {}

/**
 * `npm start`: duban as deployed. The settings give the city's rules and the WeChat connection;
 * the bot answers the commands of commands/ and runs the jobs of jobs/ (the progress reminder,
 * the morning list of open issues, the leaders' digest). With no connection configured, the same
 * bot runs in the local console on a simulated WeChat, its jobs run as its clock is moved.
 */
async function main(): Promise<number> {
  hideSecretsInOutput(() => [process.env['WECHATY_PUPPET_SERVICE_TOKEN']])
  const settings = readSettings()
  if (!settings) return 2
  const { config } = settings
  setWechatyLogLevel(config.wechatyLog)
  if (!config.connection) return runLocalConsole(settings)

  let hold: InstanceHold | undefined
  const db = await openStore(config.databasePath, async (db) => {
    hold = await holdInstance(db, {
      databasePath: config.databasePath,
      wait: process.argv.includes('--takeover'),
      timeZone: settings.rules.timeZone,
      clock: systemClock,
      log: consoleLogger,
      onLost: () => shutdown('数据库锁被接替', 1),
    })
  })
  const app = createApp({
    ...appOptions(settings, db, commands, consoleLogger),
    puppet: connectionPuppet(config.connection),
    jobs,
    supervisor: SUPERVISOR,
    owner: hold?.owner,
    spillPath: `${config.databasePath}-spill`,
  })
  // The lock goes last, the moment before the database closes: a process waiting to take over
  // (--takeover) starts then, and never beside this one.
  const close = async () => {
    await hold?.release()
    await db.destroy()
  }
  let stopping: Promise<void> | undefined
  const shutdown = (signal: string, code = 0) => {
    stopping ??= (async () => {
      consoleLogger.info(`收到 ${signal}，正在停止：发完正在发送的一条，处理完已收到的消息，关闭数据库（停止前一直接收）`)
      // The link to the service ends with the process: listening (and noting) until the database closes.
      await app.stop({ keepConnection: true })
      await close()
      process.exit(code)
    })()
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  try {
    await app.start()
  } catch (error) {
    if (error instanceof BoardServerError) {
      console.error(error.message)
      await app.stop().catch(() => undefined)
      await close()
      return 1
    }
    if (!(error instanceof LoginError)) throw error
    console.error(
      renderLoginFailure({
        reason: error.reason,
        lastError: error.lastError,
        timeoutSeconds: Math.round(error.timeoutMs / 1000),
        puppet: config.connection.puppet,
        endpoint: config.connection.endpoint,
        noTls: config.connection.noTls,
      }),
    )
    await app.stop().catch(() => undefined)
    await close()
    return 1
  }
  consoleLogger.info(`已启动：数据库 ${config.databasePath}；两条消息之间至少间隔 ${config.sendIntervalMs} 毫秒`)
  return -1
}

/**
 * The local console: its demo data apart from a real database next to it. The jobs do not run on
 * their schedule there; they run when the console's clock is moved past their times (`:时间`), and
 * the digest goes to the demo owner too, so that a week can be tried in a minute.
 */
async function runLocalConsole(settings: Settings): Promise<number> {
  const path = consoleDatabasePath(settings.config.databasePath)
  console.log('未配置微信连接（WECHATY_PUPPET_SERVICE_TOKEN），现在打开本地控制台：模拟的微信群，数据与正式数据分开。')
  const db = await openStore(path)
  const clock = new MovableClock()
  const base = appOptions(settings, db, commands, consoleLogger, clock)
  await runConsole({
    databasePath: path,
    db,
    projectRoomPattern: settings.rules.projectRoomPattern,
    clock,
    timeZone: settings.rules.timeZone,
    createApp: (puppet, log) => {
      const app = createApp({
        ...base,
        log,
        puppet,
        jobs: [],
        // Nothing to be throttled by here, so replies come quickly; the demo owner may do everything.
        sendIntervalMs: Math.min(base.sendIntervalMs, 300),
        rules: {
          ...base.rules,
          admins: [...base.rules.admins, CONSOLE_OWNER],
          digestRecipients: [...base.rules.digestRecipients, CONSOLE_OWNER],
        },
      })
      // Each run's texts go out before the next run: the week reads in the order it happened.
      return { ...app, moveClockTo: (to: Date) => app.runJobsBetween(jobs, clock.now(), to, (at) => clock.set(at), () => app.drained(10_000)) }
    },
  })
  await db.destroy()
  return 0
}

async function openStore(path: string, beforeMigrate?: (db: Db) => Promise<void>): Promise<Db> {
  try {
    return await openAppStore(path, consoleLogger, beforeMigrate)
  } catch (error) {
    if (error instanceof InstanceRefusedError) throw error
    throw new StoreOpenError(databaseProblem(path, error))
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    // The board's port and the database say what to change; anything else shows its stack.
    console.error(error instanceof BoardServerError || error instanceof StoreOpenError || error instanceof InstanceRefusedError ? error.message : error)
    process.exit(1)
  },
)
