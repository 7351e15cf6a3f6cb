/**
 * `npm run export -- --out 台账.xlsx [--date YYYY-MM-DD] [--force]`: writes the 台账 workbook (项目台账,
 * 问题台账, 进度记录, 专班汇总) of the database at DATABASE_PATH, as of a day (today in BOT_TIMEZONE by
 * default), the same workbook /导出 sends. The file is whole or absent: written beside its final
 * name and renamed at the end; an existing file is replaced only with --force.
 * Exit codes: 0 written, 1 failed (no database, cannot write), 2 wrong usage or settings, 130 interrupted.
 */
import { existsSync } from 'node:fs'
import { dateInZone, parts, timeInZone } from '../calendar/local-date.ts'
import { CalendarYearMissingError } from '../calendar/working-calendar.ts'
import { systemClock } from '../clock.ts'
import { consoleDatabasePath } from '../config.ts'
import { OutputExistsError } from '../export/atomic-file.ts'
import { EXPORT_CACHE_MIB, exportLedger } from '../export/export-ledger.ts'
import { readSettings } from '../settings.ts'
import { openDatabase } from '../store/index.ts'
import { renderLedgerCounts } from '../text/ledger-export.ts'
import { renderMissingDatabase } from '../text/missing-database.ts'
import { readExportOptions, UsageProblem, USAGE, writeProblem, type ExportOptions } from './export-options.ts'

async function run(): Promise<number> {
  let options: ExportOptions
  try {
    // npm runs scripts in the project folder; a relative --out means where the command was typed.
    const read = readExportOptions(process.argv.slice(2), process.env['INIT_CWD'] ?? process.cwd())
    if (read === 'help') {
      console.log(USAGE)
      return 0
    }
    options = read
  } catch (error) {
    if (!(error instanceof UsageProblem)) throw error
    console.error(`${error.message}\n\n${USAGE}`)
    return 2
  }

  const settings = readSettings()
  if (!settings) return 2
  const { config, rules } = settings
  const now = systemClock.now()
  const date = options.date ?? dateInZone(now, rules.timeZone)
  // The title says the time only of today's ledger: one of another day is as of that day.
  const time = date === dateInZone(now, rules.timeZone) ? timeInZone(now, rules.timeZone) : null
  const { year } = parts(date)
  // A year without a notice is provisional (its rows say 暂定); only one the calendar cannot compute is refused.
  if (!rules.calendar.hasYear(year) && !rules.calendar.isProvisional(year)) {
    console.error(`日历没有 ${year} 年的法定节假日数据，也无法推算，无法按 ${date} 计算工作日。请在 data/holidays.json 补充该年的放假与调休安排（见 README）。`)
    return 2
  }
  // Opening creates a missing file; a typo in DATABASE_PATH must not export an empty city.
  if (!existsSync(config.databasePath)) {
    const demo = consoleDatabasePath(config.databasePath)
    console.error(renderMissingDatabase(config.databasePath, demo, existsSync(demo), 'npm run export -- --out 台账.xlsx'))
    return 1
  }

  // Ctrl+C stops between rows; the half-written temp file is removed on the way out.
  const interrupt = new AbortController()
  const stop = () => interrupt.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // One pass over the ledger: a small page cache keeps this process small beside the bot.
  const db = openDatabase(config.databasePath, { cacheMiB: EXPORT_CACHE_MIB })
  try {
    const counts = await exportLedger(db, options.out, { today: date, time, rules, overwrite: options.force, signal: interrupt.signal })
    console.log(`已导出 ${options.out}（截至 ${date}）：${renderLedgerCounts(counts)}。`)
    return 0
  } catch (error) {
    if (interrupt.signal.aborted) {
      console.error('已中断，没有留下任何文件。')
      return 130
    }
    if (error instanceof OutputExistsError) {
      console.error(`${options.out} 已存在（导出期间被创建）。要覆盖请加 --force。`)
      return 2
    }
    if (error instanceof CalendarYearMissingError) {
      console.error(`导出失败：${error.message}`)
      return 1
    }
    const code = (error as NodeJS.ErrnoException).code
    if (code !== undefined && /^E[A-Z]+$/u.test(code)) {
      console.error(writeProblem(options.out, error as NodeJS.ErrnoException))
      return 1
    }
    throw error
  } finally {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    await db.destroy()
  }
}

process.exitCode = await run().catch((error: unknown) => {
  console.error(`导出失败：${(error as Error).message}`)
  return 1
})
