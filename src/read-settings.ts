import { config as loadDotenv } from 'dotenv'
import { ConfigError, loadConfig, type Config } from './config.ts'

/**
 * Settings for an entry point (`npm start`, `npm run digest`): `.env` in the working folder if
 * present, then the environment. Wrong settings are printed, every one of them, and give null so
 * the caller can exit with code 2.
 */
export function readSettings(): Config | null {
  loadDotenv({ quiet: true })
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    return null
  }
}
