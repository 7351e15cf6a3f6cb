import { existsSync, readFileSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { loadCalendar } from './calendar/load-calendar.ts'
import { loadConfig, type Config } from './config.ts'
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

/** The settings from these variables and the files they name; throws naming every problem. */
export function settingsFromEnv(env: Record<string, string | undefined>): Settings {
  const config = loadConfig(env)
  return { config, rules: rulesOf(config, loadTeams(config.teamsFile), loadCalendar(config.holidaysFile)) }
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
    reminderAfterWorkingDays: config.reminderAfterWorkingDays,
  }
}

/** Reads the teams file (TEAMS_FILE); a missing or broken file is an error at start, not a silent default. */
export function loadTeams(path: string): Teams {
  if (!existsSync(path)) throw new Error(`teams file ${path} not found (TEAMS_FILE); copy data/teams.json from the repository`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`teams file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
  return parseTeams(json, path)
}
