import { existsSync, readFileSync } from 'node:fs'
import { parseTeams, type Teams } from '../domain/teams.ts'

/** Reads the teams file (TEAMS_FILE); a missing or broken file is an error at start, not a silent default. */
export function loadTeams(path: string): Teams {
  if (!existsSync(path)) throw new Error(`teams file ${path} not found (TEAMS_FILE); copy data/teams.json from the repository`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`teams file ${path} is not valid JSON: ${(error as Error).message}`)
  }
  return parseTeams(json, path)
}
