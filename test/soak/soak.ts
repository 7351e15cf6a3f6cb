/**
 * `npm run soak`: the faults and abuse of issue 10 against the running bot, over the real wire on
 * loopback (PuppetServer + PuppetMock here, the bot started as `npm start` in a process of its own),
 * bounded in time (about six minutes). Prints the table the README keeps; exits 1 when anything was
 * lost. Needs root for the full disk (a tmpfs) and the sqlite3 shell for the lock.
 * `npm run soak -- burst lock` runs only the scenarios named.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isolateHome, WireHarness } from '../e2e/harness.ts'
import { fuzz } from './fuzz.ts'
import { longInputs } from './long-inputs.ts'
import { burst, fullDisk, fullDiskKill, killInBurst, killInSend, lock, outage, restart, type Stage } from './scenarios.ts'
import { FarSide, type Row } from './tally.ts'

const SCENARIOS: Record<string, (stage: Stage) => Promise<Row>> = {
  fuzz: (stage) => fuzz(join(stage.dir, 'fuzz')),
  burst,
  'outage-20': (stage) => outage(stage, 20_000),
  'outage-75': (stage) => outage(stage, 75_000),
  lock: (stage) => lock(stage, 15_000),
  'kill-burst': killInBurst,
  'kill-send': killInSend,
  disk: fullDisk,
  'disk-kill': fullDiskKill,
  restart,
}

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !(name in SCENARIOS))
if (unknown.length > 0) {
  console.error(`没有这个场景：${unknown.join('、')}；可选：${Object.keys(SCENARIOS).join(' ')}`)
  process.exit(2)
}

const home = isolateHome()
const h = await WireHarness.start()
// As a real puppet service does: the account stays logged in whenever the bot restarts the puppet.
h.keepLoggedIn = true
const stage: Stage = { h, far: new FarSide(h), dir: mkdtempSync(join(tmpdir(), 'duban-soak-')), home }
const rows: Row[] = []
const started = performance.now()
try {
  for (const [name, run] of Object.entries(SCENARIOS)) {
    if (asked.length > 0 && !asked.includes(name)) continue
    process.stderr.write(`${name} …\n`)
    const row = await run(stage)
    rows.push(row)
    process.stderr.write(`${name}: ${JSON.stringify(row)}\n`)
  }
} finally {
  await h.stop()
  rmSync(stage.dir, { recursive: true, force: true })
}

const ms = (v: number | undefined) => (v === undefined ? '—' : v === Infinity ? '未回复' : `${(v / 1000).toFixed(1)} s`)
const lines = [
  `督办助手可靠性测试：Node ${process.version}，${new Date().toISOString()}，SEND_INTERVAL_MS=150，用时 ${Math.round((performance.now() - started) / 1000)} 秒`,
  '',
  '| 场景 | 消息 | 送达机器人 | 入库 | 应回复 | 已回复 | 重复 | 丢失 | 被杀时在途 | 恢复后首条回复 | 最慢群等待 |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.messagesIn} | ${r.delivered} | ${r.stored} | ${r.repliesDue} | ${r.sent} | ${r.duplicated} | ${r.lost} | ${r.inFlight ?? '—'} | ${ms(r.firstReplyAfterRecoveryMs)} | ${ms(r.slowestGroupWaitMs)} |`,
  ),
  '',
  ...rows.filter((r) => r.note).map((r) => `- ${r.name}：${r.note}`),
  '',
  ...(asked.length === 0 || asked.includes('fuzz') ? longInputs() : []),
]
process.stdout.write(lines.join('\n') + '\n')
process.exit(rows.some((r) => r.lost > 0) ? 1 : 0)
