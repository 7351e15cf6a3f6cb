/**
 * `npm run holidays -- import FILE`: reads the State Council's notice of a year's holidays, as
 * published, and writes the year's days off and make-up working days into HOLIDAYS_FILE (from .env
 * as for npm start; default data/holidays.json). A running bot picks the file up by itself.
 * Exit codes: 0 written; 2 usage, or a notice that cannot be read whole; 1 a file that cannot be
 * read or written.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { config as loadDotenv } from 'dotenv'
import { holidayFileJson, importNotice } from '../calendar/holiday-import.ts'
import { readHolidayNotice } from '../calendar/holiday-notice.ts'
import { bundledCalendarYears, readHolidayFile } from '../calendar/load-calendar.ts'
import { DEFAULT_HOLIDAYS_FILE } from '../config.ts'
import { HOLIDAYS_USAGE, renderImportReport } from '../text/holiday-import.ts'

function run(args: string[]): number {
  loadDotenv({ quiet: true })
  const target = process.env['HOLIDAYS_FILE']?.trim() || DEFAULT_HOLIDAYS_FILE
  const [verb, source, ...extra] = args
  if (verb === '--help' || verb === 'help') {
    console.log(HOLIDAYS_USAGE)
    return 0
  }
  if (verb !== 'import' || !source || extra.length > 0) {
    console.error(HOLIDAYS_USAGE)
    return 2
  }
  if (!existsSync(source)) {
    console.error(`找不到文件 ${source}：请把通知全文保存为文本文件（UTF-8）后再导入`)
    return 1
  }
  const reading = readHolidayNotice(readFileSync(source, 'utf8'))
  if (!reading.ok) {
    console.error(`没有导入：${reading.problem}。请对照通知原文改正 ${source} 后再导入，${target} 未改动。`)
    return 2
  }
  let file
  try {
    file = readHolidayFile(target)
  } catch (error) {
    console.error(`没有导入：${(error as Error).message}。请先改正或移走该文件。`)
    return 1
  }
  const outcome = importNotice(reading.notice, file, bundledCalendarYears())
  if (!outcome.ok) {
    console.error(`没有导入：${outcome.problem}。${target} 未改动。`)
    return 2
  }
  // Written beside and renamed over: a running bot watching the file never reads half of it.
  const temp = `${target}.${process.pid}.tmp`
  try {
    writeFileSync(temp, holidayFileJson(outcome.result.years))
    renameSync(temp, target)
  } catch (error) {
    console.error(`写入 ${target} 失败：${(error as Error).message}`)
    return 1
  }
  console.log(renderImportReport(reading.notice, outcome.result, target))
  return 0
}

process.exitCode = run(process.argv.slice(2))
