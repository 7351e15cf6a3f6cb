import { assembleDigest } from '../src/domain/digest.ts'
import { provisionalUse } from '../src/domain/calendar-gaps.ts'
import { jobDay } from '../src/domain/job-day.ts'
import { DEFAULT_TEAMS } from '../src/domain/teams.ts'
import { renderDigest } from '../src/text/digest.ts'
import { splitParts } from '../src/text/parts.ts'
import { getDigestData } from '../src/reports/digest-data.ts'
import { countOpenIssuesByDueYear } from '../src/store/index.ts'
import { buildBenchDataset } from './store.ts'

const RUNS = 10

/**
 * `npm run bench` (digest part): the leaders' digest end to end, queries and text, on the store
 * bench's city (1,000 projects, 200,000 messages, about 20,000 issues). Target: under 300 ms.
 * The dataset is built again here, silently, so this part stands on its own.
 */
export async function benchDigest(report: (line: string) => void): Promise<void> {
  const { db, digestQuery, close } = await buildBenchDataset(() => {})
  try {
    const { calendar, today } = digestQuery
    const day = jobDay(calendar, today)
    const times: number[] = []
    let parts: string[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      const data = await getDigestData(db, digestQuery)
      const digest = assembleDigest({ data, teams: DEFAULT_TEAMS, admins: [], makeUp: day.work && day.makeUp, provisional: provisionalUse(await countOpenIssuesByDueYear(db, today), calendar, today) })
      parts = splitParts(renderDigest(digest))
      times.push(performance.now() - started)
    }
    const sorted = [...times].sort((a, b) => a - b)
    const chars = parts.reduce((n, p) => n + p.length, 0)
    report(
      `简报：${today} 的简报，全流程（查询 + 组装 + 文字）${sorted[Math.floor(RUNS / 2)]!.toFixed(0)} ms` +
        `（${RUNS} 次的中位数，首次 ${times[0]!.toFixed(0)} ms；目标 < 300 ms），共 ${parts.length} 段、${chars.toLocaleString('en')} 字`,
    )
  } finally {
    await close()
  }
}
