/**
 * `npm run bench`: the speed and memory figures the issues set targets for, measured on this
 * machine. Timed tests would be flaky on a shared CI box; these numbers go in the README instead.
 * `npm run bench -- board digest` runs only the parts named.
 */
import { resolve } from 'node:path'
import { benchBoard } from './bench-board.ts'
import { benchBot } from './bench-bot.ts'
import { benchDigest } from './bench-digest.ts'
import { benchExport } from './bench-export.ts'
import { benchParser } from './bench-parser.ts'
import { benchStore } from './bench-store.ts'

const root = resolve(import.meta.dirname, '../..')
const report = (line: string) => process.stdout.write(line + '\n')

// The bot first, so that its resident-memory figure is not inflated by the other benches' data.
const parts: Record<string, () => Promise<void>> = {
  bot: () => benchBot(report),
  parser: () => benchParser(root, report),
  store: () => benchStore(report),
  digest: () => benchDigest(report),
  board: () => benchBoard(report),
  export: () => benchExport(report),
}
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in parts))
if (unknown.length > 0) {
  console.error(`unknown bench part ${unknown.join(', ')}; the parts: ${Object.keys(parts).join(' ')}`)
  process.exit(2)
}
report(`duban bench — node ${process.version}, ${new Date().toISOString()}`)
for (const [name, run] of Object.entries(parts)) if (asked.length === 0 || asked.includes(name)) await run()
