/**
 * The export bench's measured process: writes the 台账 of the database given, as `npm run export`
 * does, and prints how long that took and the most memory the process ever held. Run in a process
 * of its own so the figure is the export's, not the bench dataset's.
 * Usage: node --import tsx bench/export-child.ts DATABASE OUT.xlsx YYYY-MM-DD
 */
import { EXPORT_CACHE_MIB, exportLedger } from '../src/export/export-ledger.ts'
import { settingsFromEnv } from '../src/settings.ts'
import { openDatabase } from '../src/store/index.ts'

const [database, out, today] = process.argv.slice(2)
if (!database || !out || !today) throw new Error('用法：export-child.ts 数据库文件 输出.xlsx YYYY-MM-DD')
const { rules } = settingsFromEnv({})
// As npm run export opens it.
const db = openDatabase(database, { cacheMiB: EXPORT_CACHE_MIB })
const rssBefore = process.memoryUsage().rss
const started = performance.now()
const cpu = process.cpuUsage()
const counts = await exportLedger(db, out, { today, time: null, rules, overwrite: true })
const ms = performance.now() - started
const used = process.cpuUsage(cpu)
await db.destroy()
// maxRSS is the peak resident set of this process's whole life, in KiB.
process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, rssBeforeMiB: rssBefore / 2 ** 20, peakRssMiB: process.resourceUsage().maxRSS / 1024, counts }) + '\n')
