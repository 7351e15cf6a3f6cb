/**
 * `npm run bench`: the speed and memory figures the issues set targets for, measured on this
 * machine. Timed tests would be flaky on a shared CI box; these numbers go in the README instead.
 */
import { resolve } from 'node:path'
import { benchBot } from './bench-bot.ts'
import { benchDigest } from './bench-digest.ts'
import { benchExport } from './bench-export.ts'
import { benchParser } from './bench-parser.ts'
import { benchStore } from './bench-store.ts'

const root = resolve(import.meta.dirname, '../..')
const report = (line: string) => process.stdout.write(line + '\n')

report(`duban bench — node ${process.version}, ${new Date().toISOString()}`)
// The bot first, so that its resident-memory figure is not inflated by the other benches' data.
await benchBot(report)
await benchParser(root, report)
await benchStore(report)
await benchDigest(report)
await benchExport(report)
