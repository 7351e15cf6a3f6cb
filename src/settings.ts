import { existsSync, readFileSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { loadCalendar } from './calendar/load-calendar.ts'
import { ConfigError, DEFAULT_HOLIDAYS_FILE, DEFAULT_TEAMS_FILE, loadConfig, type Config } from './config.ts'
import type { Rules } from './domain/rules.ts'
import { parseTeams, type Teams } from './domain/teams.ts'

/** The settings of an entry point: the environment as read, and the city's rules built from it. */
export interface Settings {
  config: Config
  rules: Rules
}

/**
 * Settings for an entry point (`npm start`, `npm run digest`): `.env` in the working folder if
 * present, then the environment, then the files they name (teams, holidays). What is wrong is
 * printed, every problem at once, and gives null so the caller can exit with code 2.
 */
export function readSettings(): Settings | null {
  loadDotenv({ quiet: true })
  try {
    return settingsFromEnv(process.env)
  } catch (error) {
    console.error((error as Error).message)
    return null
  }
}

/**
 * The settings from these variables and the files they name; throws one `ConfigError` naming every
 * problem, the files' included: a wrong cron and a broken teams file are both told at the first start.
 */
export function settingsFromEnv(env: Record<string, string | undefined>): Settings {
  const problems: string[] = []
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read()
    } catch (error) {
      problems.push(...(error instanceof ConfigError ? error.problems : [(error as Error).message]))
      return undefined
    }
  }
  const config = attempt(() => loadConfig(env))
  // With other settings wrong, the files are still read from where they would be.
  const teams = attempt(() => loadTeams(config?.teamsFile ?? (env['TEAMS_FILE']?.trim() || DEFAULT_TEAMS_FILE)))
  const calendar = attempt(() => {
    try {
      return loadCalendar(config?.holidaysFile ?? (env['HOLIDAYS_FILE']?.trim() || DEFAULT_HOLIDAYS_FILE))
    } catch (error) {
      throw new Error(`HOLIDAYS_FILE：${(error as Error).message}`, { cause: error })
    }
  })
  if (!config || !teams || !calendar) throw new ConfigError(problems)
  return { config, rules: rulesOf(config, teams, calendar) }
}

function rulesOf(config: Config, teams: Teams, calendar: Rules['calendar']): Rules {
  return {
    timeZone: config.timezone,
    calendar,
    slaWorkingDays: config.issueSlaWorkingDays,
    slowThresholds: config.slowThresholds,
    teams,
    admins: config.botAdmins,
    projectRoomPattern: config.projectRoomPattern,
    digestRecipients: config.digestRecipients,
    city: config.city,
    reminderAfterWorkingDays: config.reminderAfterWorkingDays,
    confirm: config.confirm,
  }
}

/** Reads the teams file (TEAMS_FILE); a missing or broken file is an error at start, not a silent default. */
export function loadTeams(path: string): Teams {
  if (!existsSync(path)) throw new Error(`TEAMS_FILE：找不到专班文件 ${path}；请从代码仓库复制 data/teams.json`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`TEAMS_FILE：专班文件 ${path} 不是有效的 JSON：${(error as Error).message}`, { cause: error })
  }
  return parseTeams(json, `TEAMS_FILE：专班文件 ${path}`)
}
