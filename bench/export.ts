import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Db } from '../src/store/index.ts'
import type { LedgerCounts } from '../src/text/ledger-export.ts'
import { buildBenchDataset } from './store.ts'

const RUNS = 3
/** The bigger city: every issue and progress record four more times, as the issue's 100,000 issues. */
const COPIES = 4
const root = resolve(import.meta.dirname, '..')

interface ChildFigures {
  ms: number
  cpuMs: number
  rssBeforeMiB: number
  peakRssMiB: number
  counts: LedgerCounts
}

/** One export in a fresh process (export-child.ts): its time and its own peak memory. */
function exportInChild(database: string, out: string, today: string): Promise<ChildFigures> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/export-child.ts'), database, out, today],
      { cwd: root, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as ChildFigures)),
    ),
  )
}

/** Copies every issue (under new numbers) and every progress record `COPIES` times. */
async function multiply(db: Db): Promise<void> {
  const issueColumns = [
    'project_id', 'message_id', 'source_command', 'category', 'summary', 'status', 'reporter_id', 'assignee_id', 'opened_at',
    'opened_on', 'due_on', 'resolved_at', 'resolved_on', 'resolution_text', 'resolved_by_id', 'resolution_id', 'retracted_at',
  ] as const
  const progressColumns = [
    'project_id', 'message_id', 'source_command', 'reporter_id', 'stage', 'percent', 'due_on', 'summary', 'recorded_at', 'recorded_on', 'retracted_at',
  ] as const
  const { maxIssue, maxProgress } = await db
    .selectFrom('issues')
    .select((eb) => [eb.fn.max('issues.id').as('maxIssue'), eb.selectFrom('progress_updates').select((p) => p.fn.max('id').as('m')).as('maxProgress')])
    .executeTakeFirstOrThrow()
  await db.transaction().execute(async (trx) => {
    for (let k = 1; k <= COPIES; k++) {
      await trx
        .insertInto('issues')
        .columns(['number', ...issueColumns])
        .expression((eb) =>
          eb.selectFrom('issues').select([eb('number', '+', k * 1_000_000).as('number'), ...issueColumns]).where('id', '<=', maxIssue ?? 0),
        )
        .execute()
      await trx
        .insertInto('progress_updates')
        .columns([...progressColumns])
        .expression((eb) => eb.selectFrom('progress_updates').select([...progressColumns]).where('id', '<=', maxProgress ?? 0))
        .execute()
    }
  })
}

function figures(label: string, runs: ChildFigures[], bytes: number, targets: boolean): string {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b)
  const cpu = runs.map((r) => r.cpuMs).sort((a, b) => a - b)
  const middle = Math.floor(runs.length / 2)
  const { counts } = runs[0]!
  return (
    `导出（${label}）：督办台账工作簿，${counts.projects.toLocaleString('en')} 个项目、${counts.issues.toLocaleString('en')} 个问题、` +
    `${counts.progress.toLocaleString('en')} 条进度（${(bytes / 2 ** 20).toFixed(1)} MiB），实际耗时 ${times[middle]!.toFixed(0)} ms，` +
    `CPU ${cpu[middle]!.toFixed(0)} ms（${runs.length} 次的中位数${targets ? '；目标 < 3,000 ms' : ''}）；导出进程峰值内存 ` +
    `${Math.max(...runs.map((r) => r.peakRssMiB)).toFixed(0)} MiB，其中导出开始前已占 ${Math.max(...runs.map((r) => r.rssBeforeMiB)).toFixed(0)} MiB` +
    `${targets ? '（目标 < 200 MiB）' : ''}；负载 ${loadavg()[0]!.toFixed(1)}`
  )
}

/**
 * `npm run bench` (export part): the 台账 workbook of the store bench's city (1,000 projects,
 * about 20,000 issues and their progress reports), then of the same city five times over (the
 * issue's 100,000 issues), each written by a child process whose own peak resident memory is the
 * figure, not the dataset builder's. Targets for the first: < 3 s, < 200 MiB.
 */
export async function benchExport(report: (line: string) => void): Promise<void> {
  const { db, path, digestQuery, close } = await buildBenchDataset(() => {})
  const out = mkdtempSync(join(tmpdir(), 'duban-bench-export-'))
  const file = join(out, '台账.xlsx')
  try {
    const runs: ChildFigures[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await exportInChild(path, file, digestQuery.today))
    report(figures('测试城市', runs, statSync(file).size, true))
    await multiply(db)
    const big = await exportInChild(path, file, digestQuery.today)
    report(figures(`同一城市的 ${COPIES + 1} 倍规模`, [big], statSync(file).size, false))
  } finally {
    rmSync(out, { recursive: true, force: true })
    await close()
  }
}
