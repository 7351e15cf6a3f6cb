/**
 * `npm run bench -- growth`: the store after three years of a province (5,000 projects,
 * 5,000,000 messages, filled in bulk by seedProvince in province-seed.ts): the leaders' digest end to end
 * and a project's `/status`, and what a million messages cost on disk.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commands } from '../commands/index.ts'
import { readChatText } from '../src/parse/chat-text.ts'
import type { CommandContext } from '../src/core/command.ts'
import { FakeClock } from '../src/clock.ts'
import type { LocalDate } from '../src/calendar/local-date.ts'
import { assembleDigest } from '../src/domain/digest.ts'
import { provisionalUse } from '../src/domain/calendar-gaps.ts'
import { jobDay } from '../src/domain/job-day.ts'
import { getDigestData } from '../src/reports/digest-data.ts'
import { settingsFromEnv } from '../src/settings.ts'
import { countOpenIssuesByDueYear, migrateToLatest, openDatabase, type Db } from '../src/store/index.ts'
import { seedProvince } from './province-seed.ts'
import { renderDigest } from '../src/text/digest.ts'

const PROJECTS = Number(process.env['BENCH_GROWTH_PROJECTS'] ?? 5_000)
const MESSAGES = Number(process.env['BENCH_GROWTH_MESSAGES'] ?? 5_000_000)
const FROM = '2023-12-01'
const TO = '2026-11-27'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

function statusContext(db: Db, rules: CommandContext['rules'], projectId: number, today: LocalDate): CommandContext {
  const now = new Date(`${today}T02:00:00Z`)
  const text = '/status'
  return {
    args: '',
    message: {
      id: `status-${projectId}`,
      kind: 'text',
      text,
      ...readChatText(text, 'text'),
      talker: { id: `wxid_p${(projectId - 1) * 6}`, name: '成员' },
      room: { id: `province-${projectId}@chatroom`, topic: `【项目】项目${projectId}推进群`, ownerId: undefined },
      mentionIds: [],
      mentionsBot: false,
      sentAt: now,
    },
    place: 'project',
    project: { id: projectId, name: `项目${projectId}`, muted: false },
    isAdmin: false,
    isGroupOwner: false,
    sender: undefined,
    messageRowId: null,
    now,
    today,
    db,
    clock: new FakeClock(now.toISOString()),
    rules,
    dataDir: tmpdir(),
    catalogue: commands,
    board: undefined,
    contactName: async () => undefined,
  }
}

export async function benchGrowth(report: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-growth-'))
  const path = join(dir, 'province.sqlite')
  const db = openDatabase(path)
  try {
    await migrateToLatest(db)
    const seeding = performance.now()
    await seedProvince(db, { projects: PROJECTS, messages: MESSAGES, from: FROM, to: TO })
    const bytes = statSync(path).size
    const count = async (table: 'issues' | 'progress_updates' | 'outbox') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const open = Number((await db.selectFrom('issues').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow()).n)
    report(
      `增长：${PROJECTS.toLocaleString('en')} 个项目、${MESSAGES.toLocaleString('en')} 条消息（${FROM} 至 ${TO}），` +
        `${(await count('issues')).toLocaleString('en')} 个问题（未办结 ${open.toLocaleString('en')} 个）、${(await count('progress_updates')).toLocaleString('en')} 条进度、` +
        `${(await count('outbox')).toLocaleString('en')} 条已发回复；填充用时 ${((performance.now() - seeding) / 1000).toFixed(0)} 秒`,
    )
    report(`增长：数据库文件 ${(bytes / 2 ** 20).toFixed(0)} MiB，每百万条消息 ${(bytes / 2 ** 20 / (MESSAGES / 1e6)).toFixed(0)} MiB（连同由此产生的记录和回复）`)

    const { rules } = settingsFromEnv({})
    const { calendar } = rules
    const today = '2026-11-27' as LocalDate
    const query = { today, calendar, timeZone: rules.timeZone, thresholds: rules.slowThresholds }
    const day = jobDay(calendar, today)
    const digestTimes: number[] = []
    let chars = 0
    for (let i = 0; i < 5; i++) {
      const started = performance.now()
      const data = await getDigestData(db, query)
      const text = renderDigest(assembleDigest({ data, teams: rules.teams, admins: rules.admins, makeUp: day.work && day.makeUp, provisional: provisionalUse(await countOpenIssuesByDueYear(db, today), calendar, today) }))
      digestTimes.push(performance.now() - started)
      chars = text.length
    }
    report(`增长：简报全流程（查询、组装、文字；共 ${chars.toLocaleString('en')} 字）${median(digestTimes).toFixed(0)} ms（5 次的中位数，首次 ${digestTimes[0]!.toFixed(0)} ms；目标 < 300 ms）`)

    // /status as a group member sends it: the command itself, its queries and its text.
    const status = commands.find((c) => c.name === 'status')!
    const statusTimes: number[] = []
    for (let i = 0; i < 200; i++) {
      const projectId = 1 + ((i * 7919) % PROJECTS)
      const started = performance.now()
      await status.run(statusContext(db, rules, projectId, today))
      statusTimes.push(performance.now() - started)
    }
    report(`增长：项目群里发 /status（命令本身：查询和文字）${median(statusTimes).toFixed(2)} ms（200 个项目的中位数，最慢 ${Math.max(...statusTimes).toFixed(1)} ms；目标 < 5 ms）`)
  } finally {
    await db.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}
