import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { LedgerCounts } from '../text/ledger-export.ts'
import { buildBenchDataset } from './bench-store.ts'

const RUNS = 3
const root = resolve(import.meta.dirname, '../..')

interface ChildFigures {
  ms: number
  rssBeforeMiB: number
  peakRssMiB: number
  counts: LedgerCounts
}

/** One export in a fresh process (bench-export-child.ts): its time and its own peak memory. */
function exportInChild(database: string, out: string, today: string): Promise<ChildFigures> {
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/bench-export-child.ts'), database, out, today],
      { cwd: root, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? fail(error) : done(JSON.parse(stdout) as ChildFigures)),
    ),
  )
}

/**
 * `npm run bench` (export part): the 台账 workbook of the store bench's city (1,000 projects,
 * about 20,000 issues and their progress reports), written by a child process so that its peak
 * resident memory is the export's own and not the dataset builder's. Targets: < 3 s, < 200 MiB.
 */
export async function benchExport(report: (line: string) => void): Promise<void> {
  const { path, digestQuery, close } = await buildBenchDataset(() => {})
  const out = mkdtempSync(join(tmpdir(), 'duban-bench-export-'))
  try {
    const runs: ChildFigures[] = []
    for (let i = 0; i < RUNS; i++) runs.push(await exportInChild(path, join(out, '台账.xlsx'), digestQuery.today))
    const times = runs.map((r) => r.ms).sort((a, b) => a - b)
    const peak = Math.max(...runs.map((r) => r.peakRssMiB))
    const before = Math.max(...runs.map((r) => r.rssBeforeMiB))
    const { counts } = runs[0]!
    report(
      `export: the 台账 workbook (${counts.projects.toLocaleString('en')} projects, ${counts.issues.toLocaleString('en')} issues, ` +
        `${counts.progress.toLocaleString('en')} progress records; ${(statSync(join(out, '台账.xlsx')).size / 2 ** 20).toFixed(1)} MiB) ` +
        `in ${times[Math.floor(RUNS / 2)]!.toFixed(0)} ms (median of ${RUNS}, slowest ${times[RUNS - 1]!.toFixed(0)} ms; target < 3,000 ms); ` +
        `peak memory of the exporting process ${peak.toFixed(0)} MiB, of which ${before.toFixed(0)} MiB before the export began (target < 200 MiB)`,
    )
  } finally {
    rmSync(out, { recursive: true, force: true })
    await close()
  }
}
