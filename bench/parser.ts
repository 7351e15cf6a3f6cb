import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { loadCalendar } from '../src/calendar/load-calendar.ts'
import { parseMessage } from '../src/parse/parse-message.ts'

const MESSAGES = 100_000

interface DevLine {
  id: string
  text: string
  sentAt: string
}

/** The repository's own labelled messages (corpus/messages.jsonl), as the benches' sample of chat. */
export function readDevSet(root: string): DevLine[] {
  const path = resolve(root, 'corpus/messages.jsonl')
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const { id, text, sentAt } = JSON.parse(l) as DevLine
      return { id, text, sentAt }
    })
}

/** The dev set repeated to `count` messages, ids made unique. */
export function repeatDevSet(dev: DevLine[], count: number): DevLine[] {
  return Array.from({ length: count }, (_, i) => {
    const m = dev[i % dev.length] as DevLine
    return { ...m, id: `${m.id}-${i}` }
  })
}

/** Peak resident memory of a child `npm run parse` over `lines`, in MiB, read from /proc at exit. */
function parseCommandPeak(root: string, lines: DevLine[]): Promise<{ ms: number; peakMiB: number; outLines: number }> {
  return new Promise((done, fail) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `
      process.on('exit', () => process.stderr.write('PEAK ' + process.resourceUsage().maxRSS + '\\n'))
      await import(${JSON.stringify(resolve(root, 'src/cli/parse.ts'))})`, '--input-type=module'], { cwd: root })
    let outLines = 0
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) outLines++
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', () => {
      const peak = /PEAK (\d+)/.exec(stderr)
      done({ ms: performance.now() - started, peakMiB: peak ? Number(peak[1]) / 1024 : NaN, outLines })
    })
    // Write in chunks with back-pressure so the child sees a stream, not one giant buffer.
    const body = lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
    child.stdin.end(body)
  })
}

export async function benchParser(root: string, report: (line: string) => void): Promise<void> {
  const dev = readDevSet(root)
  const messages = repeatDevSet(dev, MESSAGES)
  // Warm up the converters and the calendar so the figure is the steady rate.
  const calendar = loadCalendar()
  for (const m of dev) parseMessage({ body: m.text, sentAt: m.sentAt }, { calendar })
  const started = performance.now()
  let records = 0
  for (const m of messages) records += parseMessage({ body: m.text, sentAt: m.sentAt }, { calendar }).length
  const seconds = (performance.now() - started) / 1000
  const rate = Math.round(MESSAGES / seconds)
  report(`解析器：${MESSAGES.toLocaleString('en')} 条消息（语料重复 ${Math.ceil(MESSAGES / dev.length)} 遍）单核用时 ${seconds.toFixed(2)} 秒，合 ${rate.toLocaleString('en')} 条/秒（目标 ≥ 20,000），得到 ${records.toLocaleString('en')} 条记录`)
  report(`解析器：本进程至今的峰值常驻内存 ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
  const cli = await parseCommandPeak(root, messages)
  report(`解析命令：npm run parse 输出 ${cli.outLines.toLocaleString('en')} 行，用时 ${(cli.ms / 1000).toFixed(2)} 秒，峰值常驻内存 ${cli.peakMiB.toFixed(0)} MiB（流式处理）`)
}
