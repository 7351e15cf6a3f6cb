import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { addDays, type LocalDate } from '../src/calendar/local-date.ts'
import { loadCalendar } from '../src/calendar/load-calendar.ts'
import type { WorkingCalendar } from '../src/calendar/working-calendar.ts'
import { slaDueDate } from '../src/domain/sla.ts'
import { DEFAULT_SLOW_THRESHOLDS } from '../src/domain/slow-projects.ts'
import { parseMessage } from '../src/parse/parse-message.ts'
import { getDigestData, type DigestQuery } from '../src/reports/digest-data.ts'
import { getProjectStatus, listOpenIssues } from '../src/reports/status.ts'
import { STAGES } from '../src/parse/types.ts'
import {
  createProject,
  ingestMessage,
  migrateToLatest,
  openDatabase,
  recordStage,
  resolveIssue,
  type Db,
  type IncomingMessage,
  type IssueSettings,
} from '../src/store/index.ts'
import { readDevSet } from './parser.ts'

const PROJECTS = 1_000
const MESSAGES = 100_000
const PEOPLE_PER_PROJECT = 5
const BATCH = 100
const TIME_ZONE = 'Asia/Shanghai'
/** Real groups are mostly talk: about one message in three is a report from the labelled set. */
const REPORT_SHARE = 0.3
const CHATTER = ['收到', '好的，马上落实', '明天上午9点在三楼会议室开会', '辛苦了', '这个情况我了解一下再回复', '👍', '谢谢各位领导支持', '请各单位按时报送材料']

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function workingDays(settings: BenchSettings, from: LocalDate, count: number): LocalDate[] {
  const days: LocalDate[] = []
  for (let d = from; days.length < count; d = addDays(d, 1)) if (settings.calendar.isWorkingDay(d)) days.push(d)
  return days
}

/** The store's settings and the calendar the bench parses and ages with. */
type BenchSettings = IssueSettings & { calendar: WorkingCalendar }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function timeMany(runs: number, work: () => Promise<unknown>): Promise<{ median: number; first: number }> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await work()
    times.push(performance.now() - started)
  }
  return { median: median(times), first: times[0] ?? NaN }
}

interface Rate {
  /** Messages per second of wall-clock time. */
  wall: number
  /** Messages per second of this process's CPU time: the figure other work on the machine does not skew. */
  cpu: number
}

/**
 * Feeds `count` messages through parse + ingest in time order over `days`, `batch` messages per
 * transaction (1: each message alone; the bot shares one among messages that arrive together).
 */
async function ingest(
  db: Db,
  settings: BenchSettings,
  texts: string[],
  range: { offset: number; count: number; batch: number },
  days: LocalDate[],
  rnd: () => number,
): Promise<Rate> {
  const { offset, count, batch } = range
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let first = 0; first < count; first += batch) {
    const last = Math.min(count, first + batch)
    if (batch === 1) await ingestOne(db, first)
    else
      await db.transaction().execute(async (trx) => {
        for (let i = first; i < last; i++) await ingestOne(trx, i)
      })
  }
  const used = process.cpuUsage(cpu)
  return { wall: count / ((performance.now() - started) / 1000), cpu: count / ((used.user + used.system) / 1e6) }

  async function ingestOne(db: Db, i: number): Promise<void> {
    const n = offset + i
    const day = days[Math.floor((i / count) * days.length)] as LocalDate
    const sentAt = new Date(`${day}T09:00:00+08:00`)
    sentAt.setTime(sentAt.getTime() + Math.floor(rnd() * 9 * 3600_000))
    const projectId = 1 + (n % PROJECTS)
    const person = Math.floor(rnd() * PEOPLE_PER_PROJECT)
    const text = rnd() < REPORT_SHARE ? (texts[n % texts.length] as string) : (CHATTER[n % CHATTER.length] as string)
    const message: IncomingMessage = {
      wechatId: `bench-${n}`,
      projectId,
      roomId: `bench-${projectId}@chatroom`,
      sender: { wechatId: `wxid_${projectId}_${person}`, name: `成员${person}` },
      text,
      sentAt,
      receivedAt: sentAt,
    }
    await ingestMessage(db, message, parseMessage({ body: text, sentAt }, { calendar: settings.calendar, timeZone: TIME_ZONE }), settings)
  }
}

const perSecond = (n: number) => Math.round(n).toLocaleString('en')

async function count(db: Db, table: 'messages' | 'issues' | 'progress_updates'): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
}

/** The bench's city: 1,000 projects, 200,000 messages, about 20,000 issues, and the day to digest. */
export interface BenchDataset {
  db: Db
  /** The SQLite file, for a part of the bench that reads it from another process. */
  path: string
  digestQuery: DigestQuery
  /** Closes the database and removes its temp folder. */
  close(): Promise<void>
}

/**
 * Builds the dataset in a temp folder, reporting the ingest rates and the status and issue-list
 * latencies measured on the way (the digest bench passes a silent `report`).
 */
export async function buildBenchDataset(report: (line: string) => void): Promise<BenchDataset> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'))
  const path = join(dir, 'bench.sqlite')
  const db = openDatabase(path)
  const close = async () => {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await migrateToLatest(db)
    const calendar = loadCalendar()
    const settings: BenchSettings = { calendar, timeZone: TIME_ZONE, dueDate: slaDueDate(calendar, 7) }
    const rnd = random(20261126)
    const texts = readDevSet(resolve(import.meta.dirname, '..')).map((l) => l.text)
    const days = workingDays(settings, '2026-01-05', 120)

    const created = new Date('2026-01-04T00:00:00Z')
    await db.transaction().execute(async (trx) => {
      for (let p = 1; p <= PROJECTS; p++) {
        await createProject(trx, { name: `项目${p}`, county: `区${p % 12}`, roomId: `bench-${p}@chatroom`, roomTopic: `【项目】项目${p}推进群`, at: created })
        // Milestones spread over the last three years, so some projects are slow in each stage.
        const reached = Math.floor(rnd() * 4)
        let on: LocalDate = addDays('2023-06-01', Math.floor(rnd() * 600))
        for (let s = 0; s <= reached; s++) {
          await recordStage(trx, { projectId: p, messageId: null, command: 'stage', actorId: null, at: created }, STAGES[s]!, on)
          on = addDays(on, 60 + Math.floor(rnd() * 400))
        }
      }
    })

    // Warm up the parser's converters and kysely's code paths before timing.
    for (const t of texts) parseMessage({ body: t, sentAt: '2026-01-05T09:00:00+08:00' }, { calendar: settings.calendar })
    report(`数据库：开始时机器负载 ${loadavg().map((l) => l.toFixed(1)).join(' / ')}（${cpus().length} 核）`)
    const single = await ingest(db, settings, texts, { offset: 0, count: MESSAGES, batch: 1 }, days.slice(0, 60), rnd)
    report(
      `数据库：入库（解析 + 存储）${MESSAGES.toLocaleString('en')} 条消息、${PROJECTS.toLocaleString('en')} 个项目，每条一个事务：` +
        `按实际耗时 ${perSecond(single.wall)} 条/秒，按 CPU 时间 ${perSecond(single.cpu)} 条/秒（目标 ≥ 5,000）；` +
        `得到 ${(await count(db, 'issues')).toLocaleString('en')} 个问题、${(await count(db, 'progress_updates')).toLocaleString('en')} 条进度`,
    )

    const today = days[60] as LocalDate
    const query = { today, calendar: settings.calendar, timeZone: TIME_ZONE, thresholds: DEFAULT_SLOW_THRESHOLDS }
    const status = await timeMany(200, () => getProjectStatus(db, 1 + Math.floor(rnd() * PROJECTS), query))
    const issues = await timeMany(200, () => listOpenIssues(db, { projectId: 1 + Math.floor(rnd() * PROJECTS), today, calendar: settings.calendar }))
    report(
      `数据库：在这批数据上，单个项目的状态 ${status.median.toFixed(2)} ms，未办结问题清单 ${issues.median.toFixed(2)} ms` +
        `（随机 200 个项目的中位数；目标 < 5 ms）`,
    )

    // Grow to the digest's scale: twice the messages, issues around 20,000, a share of them resolved.
    const batched = await ingest(db, settings, texts, { offset: MESSAGES, count: MESSAGES, batch: BATCH }, days.slice(60), rnd)
    report(
      `数据库：再入库 ${MESSAGES.toLocaleString('en')} 条消息，每 ${BATCH} 条一个事务（机器人对同时到达的消息就是这样做的）：` +
        `按实际耗时 ${perSecond(batched.wall)} 条/秒，按 CPU 时间 ${perSecond(batched.cpu)} 条/秒`,
    )
    const open = await db.selectFrom('issues').select(['id', 'opened_at']).where('status', '=', 'open').execute()
    await db.transaction().execute(async (trx) => {
      for (const issue of open) {
        if (rnd() >= 0.4) continue
        const at = new Date(new Date(issue.opened_at).getTime() + Math.floor(rnd() * 20) * 86_400_000)
        await resolveIssue(trx, { issueId: issue.id, text: '已协调解决', command: 'resolve', actorId: null, messageId: null, at }, TIME_ZONE)
      }
    })
    const digestDay = addDays(days[days.length - 1] as LocalDate, 1)
    const digestQuery = { ...query, today: settings.calendar.isWorkingDay(digestDay) ? digestDay : addDays(digestDay, 2) }
    return { db, path, digestQuery, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** `npm run bench` (store part): ingest rate, status and issue-list latency, digest query latency. */
export async function benchStore(report: (line: string) => void): Promise<void> {
  const { db, digestQuery, close } = await buildBenchDataset(report)
  try {
    let size = { projects: 0, openIssues: 0, progress: 0 }
    const digest = await timeMany(10, async () => {
      const d = await getDigestData(db, digestQuery)
      const open = Object.values(d.openByTeam).reduce((n, c) => n + c.red + c.yellow + c.green, 0)
      size = { projects: d.projects.length, openIssues: open, progress: d.progress.length }
    })
    report(
      `数据库：${digestQuery.today} 的简报查询，${PROJECTS.toLocaleString('en')} 个项目、${(await count(db, 'messages')).toLocaleString('en')} 条消息、` +
        `${(await count(db, 'issues')).toLocaleString('en')} 个问题（未办结 ${size.openIssues.toLocaleString('en')} 个）：${digest.median.toFixed(0)} ms` +
        `（10 次的中位数，首次 ${digest.first.toFixed(0)} ms；目标 < 200 ms；当时负载 ${loadavg()[0]?.toFixed(1)}）`,
    )
  } finally {
    await close()
  }
}
