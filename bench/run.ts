/**
 * `npm run bench`: the speed and memory figures the issues set targets for, measured on this
 * machine. Timed tests would be flaky on a shared CI box; these numbers go in the README instead.
 * `npm run bench -- board digest` runs only the parts named.
 */
import { resolve } from 'node:path'
import { benchBoard } from './board.ts'
import { benchBot } from './bot.ts'
import { benchDigest } from './digest.ts'
import { benchExport } from './export.ts'
import { benchGrowth } from './growth.ts'
import { benchIntake } from './intake.ts'
import { benchParser } from './parser.ts'
import { benchReplay } from './replay.ts'
import { benchStore } from './store.ts'
import { benchWire } from './wire.ts'

const root = resolve(import.meta.dirname, '..')
const report = (line: string) => process.stdout.write(line + '\n')

// The bot first, so that its resident-memory figure is not inflated by the other benches' data.
const parts: Record<string, () => Promise<void>> = {
  bot: () => benchBot(report),
  wire: () => benchWire(root, report),
  intake: () => benchIntake(root, report),
  parser: () => benchParser(root, report),
  replay: () => benchReplay(root, report),
  store: () => benchStore(report),
  digest: () => benchDigest(report),
  board: () => benchBoard(report),
  export: () => benchExport(report),
  growth: () => benchGrowth(report),
}
const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in parts))
if (unknown.length > 0) {
  console.error(`没有这一项：${unknown.join('、')}；可选：${Object.keys(parts).join(' ')}`)
  process.exit(2)
}
report(`督办助手性能测试：Node ${process.version}，${new Date().toISOString()}`)
for (const [name, run] of Object.entries(parts)) if (asked.length === 0 || asked.includes(name)) await run()
