/**
 * `npm run digest -- [--date YYYY-MM-DD]`: prints the leaders' digest of a day (today in
 * BOT_TIMEZONE by default) from the database at DATABASE_PATH, exactly as it would be sent, parts
 * included, without sending anything: to check a deployment, or to push the digest by other means.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { dateInZone, isLocalDate } from '../calendar/local-date.ts'
import { systemClock } from '../clock.ts'
import { buildDigest } from '../reports/digest.ts'
import { readSettings } from '../settings.ts'
import { openDatabase } from '../store/index.ts'
import { splitParts } from '../text/parts.ts'

const USAGE = 'usage: npm run digest -- [--date YYYY-MM-DD]   (prints the digest of DATABASE_PATH for that day; default today)'

async function run(): Promise<number> {
  let date: string | undefined
  try {
    const { values } = parseArgs({ options: { date: { type: 'string' }, help: { type: 'boolean' } } })
    if (values.help) {
      console.log(USAGE)
      return 0
    }
    date = values.date
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  if (date !== undefined && !isLocalDate(date)) {
    console.error(`--date ${date}: not a date such as 2026-10-12\n${USAGE}`)
    return 2
  }
  const settings = readSettings()
  if (!settings) return 2
  const { config, rules } = settings
  // Opening creates a missing file; a typo in DATABASE_PATH should not print an empty city.
  if (!existsSync(config.databasePath)) {
    console.error(`no database at ${config.databasePath} (DATABASE_PATH)`)
    return 1
  }
  const db = openDatabase(config.databasePath)
  try {
    const text = await buildDigest(db, date ?? dateInZone(systemClock.now(), rules.timeZone), rules)
    console.log(splitParts(text).join('\n\n'))
    return 0
  } finally {
    await db.destroy()
  }
}

process.exitCode = await run().catch((error: unknown) => {
  console.error(`digest failed: ${(error as Error).message}`)
  return 1
})
