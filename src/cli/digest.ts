/**
 * `npm run digest -- [--date YYYY-MM-DD]`: prints the leaders' digest of a day (today in
 * BOT_TIMEZONE by default) from the database at DATABASE_PATH, exactly as it would be sent, parts
 * included, without sending anything: to check a deployment, or to push the digest by other means.
 */
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { dateInZone, isLocalDate } from '../calendar/local-date.ts'
import { systemClock } from '../clock.ts'
import { consoleDatabasePath } from '../config.ts'
import { buildDigest } from '../reports/digest.ts'
import { readSettings } from '../settings.ts'
import { openDatabase } from '../store/index.ts'
import { renderMissingDatabase } from '../text/missing-database.ts'
import { splitParts } from '../text/parts.ts'

/** Node's parseArgs explains in English; the option it names is kept: "--dates" → 不认识的参数 --dates. */
function argumentProblem(error: NodeJS.ErrnoException): string {
  const token = /'([^' ]+)/u.exec(error.message)?.[1] ?? ''
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的参数 ${token}`
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `多余的参数 ${token}（日期请写在 --date 后面）`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return '--date 后面要跟一个日期'
  return error.message
}

const USAGE = '用法：npm run digest -- [--date YYYY-MM-DD]   （打印 DATABASE_PATH 数据库中该日的领导简报，不发送；默认今天）'

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
    console.error(`${argumentProblem(error as NodeJS.ErrnoException)}\n${USAGE}`)
    return 2
  }
  if (date !== undefined && !isLocalDate(date)) {
    console.error(`--date ${date}：不是有效的日期，请写成 2026-10-12 这样\n${USAGE}`)
    return 2
  }
  const settings = readSettings()
  if (!settings) return 2
  const { config, rules } = settings
  // Opening creates a missing file; a typo in DATABASE_PATH should not print an empty city.
  if (!existsSync(config.databasePath)) {
    const demo = consoleDatabasePath(config.databasePath)
    console.error(renderMissingDatabase(config.databasePath, demo, existsSync(demo), 'npm run digest'))
    return 1
  }
  const db = openDatabase(config.databasePath)
  try {
    const { text, calendarNotice } = await buildDigest(db, date ?? dateInZone(systemClock.now(), rules.timeZone), rules)
    console.log(splitParts(text).join('\n\n'))
    // What the admins would be told beside it: whoever runs this is deploying.
    if (calendarNotice) console.error(calendarNotice)
    return 0
  } finally {
    await db.destroy()
  }
}

process.exitCode = await run().catch((error: unknown) => {
  console.error(`简报生成失败：${(error as Error).message}`)
  return 1
})
