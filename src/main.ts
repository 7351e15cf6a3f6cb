import { dirname, join } from 'node:path'
import { CONSOLE_OWNER, runConsole } from './bot/console.ts'
import { connectionPuppet } from './bot/connection-puppet.ts'
import { createBot, LoginError, type BotOptions } from './bot/create-bot.ts'
import { consoleLogger, type Logger } from './bot/logger.ts'
import { wechatyDirectory } from './bot/wechaty-directory.ts'
import { loadCalendar } from './calendar/load-calendar.ts'
import type { WorkingCalendar } from './calendar/working-calendar.ts'
import { systemClock } from './clock.ts'
import type { Config } from './config.ts'
import { readSettings } from './read-settings.ts'
import { teamNames, type Teams } from './domain/teams.ts'
import { loadTeams } from './jobs/load-teams.ts'
import { startJobs, type Jobs } from './jobs/start-jobs.ts'
import { parseMessage } from './parse/parse-message.ts'
import { migrateToLatest, openDatabase, type Db } from './store/index.ts'

function botOptions(config: Config, teams: Teams, calendar: WorkingCalendar, db: Db, log: Logger): Omit<BotOptions, 'puppet'> {
  return {
    db,
    clock: systemClock,
    calendar,
    parse: (text, sentAt) => parseMessage(text, sentAt, { calendar, timeZone: config.timezone }),
    settings: {
      admins: config.botAdmins,
      projectRoomPattern: config.projectRoomPattern,
      slaWorkingDays: config.issueSlaWorkingDays,
      timezone: config.timezone,
      teamNames: teamNames(teams),
      digest: { thresholds: config.slowThresholds, recipients: config.digestRecipients },
      sendIntervalMs: config.sendIntervalMs,
      loginTimeoutMs: config.loginTimeoutMs,
    },
    log,
  }
}

async function openStore(path: string): Promise<Db> {
  const db = openDatabase(path)
  await migrateToLatest(db)
  return db
}

async function main(): Promise<number> {
  const config = readSettings()
  if (!config) return 2
  let teams: Teams
  let calendar: WorkingCalendar
  try {
    teams = loadTeams(config.teamsFile)
    calendar = loadCalendar(config.holidaysFile)
  } catch (error) {
    console.error((error as Error).message)
    return 2
  }

  if (!config.connection) {
    // The console keeps its demo data apart from a real database next to it.
    const path = join(dirname(config.databasePath), 'console.sqlite')
    console.log('No WeChat connection configured (set WECHATY_PUPPET_SERVICE_TOKEN): starting the local console.')
    const db = await openStore(path)
    const options = botOptions(config, teams, calendar, db, consoleLogger)
    await runConsole({
      databasePath: path,
      createBot: (puppet, log) =>
        createBot({
          ...options,
          log,
          puppet,
          // Nothing to be throttled by here, so replies come quickly; the demo owner may do everything.
          settings: { ...options.settings, sendIntervalMs: Math.min(config.sendIntervalMs, 300), admins: [...config.botAdmins, CONSOLE_OWNER] },
        }),
    })
    await db.destroy()
    return 0
  }

  const db = await openStore(config.databasePath)
  const options = botOptions(config, teams, calendar, db, consoleLogger)
  const bot = createBot({
    ...options,
    puppet: connectionPuppet(config.connection),
    supervisor: { offlineMs: 60_000, checkEveryMs: 5_000 },
  })
  let jobs: Jobs | undefined
  let stopping: Promise<void> | undefined
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      consoleLogger.info(`${signal}: stopping (finishing the send in flight, closing the database)`)
      await jobs?.stop()
      await bot.stop()
      await db.destroy()
      process.exit(0)
    })()
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  try {
    await bot.start()
  } catch (error) {
    if (!(error instanceof LoginError)) throw error
    console.error(
      `duban could not connect to WeChat: ${error.message}.\n` +
        `Check WECHATY_PUPPET_SERVICE_TOKEN (is it valid and not expired?) and WECHATY_PUPPET_SERVICE_ENDPOINT ` +
        `(${config.connection.endpoint ?? 'not set: the token is looked up on the internet'}; is the puppet service running and reachable?), ` +
        `and WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true if the service has no TLS.`,
    )
    await bot.stop().catch(() => undefined)
    await db.destroy()
    return 1
  }
  // The jobs start once WeChat is logged in: a run missed while the bot was down goes out now.
  jobs = startJobs({
    db,
    clock: options.clock,
    calendar: options.calendar,
    log: consoleLogger,
    directory: wechatyDirectory(bot.wechaty),
    settings: {
      timeZone: config.timezone,
      reminderCron: config.reminderCron,
      blockerCron: config.blockerCron,
      digestCron: config.digestCron,
      reminderAfterWorkingDays: config.reminderAfterWorkingDays,
      digestRecipients: config.digestRecipients,
      thresholds: config.slowThresholds,
      teams,
    },
    wake: () => bot.sender.wake(),
  })
  consoleLogger.info(`running; database ${config.databasePath}; sending at most one message every ${config.sendIntervalMs} ms`)
  return -1
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
