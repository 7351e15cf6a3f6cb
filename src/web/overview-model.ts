import type { LocalDate } from '../calendar/local-date.ts'
import { wholeMonths } from '../domain/digest.ts'
import type { ProjectStatus } from '../domain/project-status.ts'
import type { ColourCounts } from '../domain/sla.ts'
import { stageLimitMonths, type SlowThresholds } from '../domain/slow-projects.ts'
import type { Teams } from '../domain/teams.ts'
import { CATEGORIES, STAGES, type Category, type Stage } from '../parse/types.ts'
import type { ProjectOverview } from '../reports/status.ts'
import { STAGE_NAMES } from '../text/labels.ts'
import { slowRule } from './words.ts'

export const SORTS = { urgency: '紧急程度', stale: '久未更新', stage: '节点', name: '名称' } as const
export type OverviewSort = keyof typeof SORTS

/** The overview's query: `?sort=stale&stage=land&team=finance`. Anything unknown is left out, never an error. */
export interface OverviewFilters {
  sort: OverviewSort
  /** The current stage; 'none' for projects with no stage recorded yet. */
  stage: Stage | 'none' | null
  /** Only projects with open issues of this team, and only those issues counted. */
  team: Category | null
}

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T => value !== undefined && (list as readonly string[]).includes(value)

export function readOverviewFilters(query: (name: string) => string | undefined): OverviewFilters {
  const sort = query('sort')
  const stage = query('stage')
  const team = query('team')
  return {
    sort: isOneOf(Object.keys(SORTS) as OverviewSort[], sort) ? sort : 'urgency',
    stage: isOneOf([...STAGES, 'none' as const], stage) ? stage : null,
    team: isOneOf(CATEGORIES, team) ? team : null,
  }
}

export interface StageChip {
  name: string
  on: LocalDate | null
  current: boolean
}

export interface OverviewRow {
  id: number
  name: string
  /** Always five: 签约 → 投产. */
  chips: StageChip[]
  /** The current stage, the whole months spent in it and its limit (null past construction). */
  current: { stage: Stage; monthsIn: number; limitMonths: number | null } | null
  slow: boolean
  progress: { percent: number | null; summary: string; daysAgo: number } | null
  /** Its open issues by colour (only the team's when filtered by one). */
  issues: ColourCounts
}

export interface TeamCount {
  category: Category
  name: string
  open: number
  issues: ColourCounts
}

export interface OverviewModel {
  today: LocalDate
  filters: OverviewFilters
  /** Projects in the ledger, before filtering. */
  total: number
  rows: OverviewRow[]
  slow: number
  issues: ColourCounts
  /** Every team with its open issues, for the links to its page. */
  teams: TeamCount[]
  /** Years without a notice the coloured counts were worked out over (today's, or within three weeks): 暂定. */
  provisionalYears: number[]
  /** When a project is slow, in words: "签约超过 6 个月未供地、…" (SLOW_*_MONTHS). */
  slowRule: string
}

const collator = new Intl.Collator('zh-Hans-CN')

/** Pure: the overview of every project as of `today`, filtered and sorted as asked. */
export function overviewModel(input: {
  overview: ProjectOverview
  filters: OverviewFilters
  today: LocalDate
  thresholds: SlowThresholds
  teams: Teams
  provisionalYears?: number[]
}): OverviewModel {
  const { filters, today } = input
  const rows: OverviewRow[] = []
  const issues = { ...NONE }
  let slow = 0
  const { statuses, team, colours } = input.overview
  for (const s of statuses) {
    const current = s.stage?.stage ?? 'none'
    if (filters.stage !== null && filters.stage !== current) continue
    const counts = team === null ? (colours.projects.get(s.project.id) ?? NONE) : team.get(s.project.id)
    if (!counts) continue
    const row = overviewRow(s, counts, today, input.thresholds)
    rows.push(row)
    if (row.slow) slow++
    for (const c of COLOURS) issues[c] += row.issues[c]
  }
  rows.sort(COMPARE[filters.sort])
  const teams = CATEGORIES.map((c) => {
    const n = colours.teams[c]
    return { category: c, name: input.teams[c].name, open: COLOURS.reduce((sum, k) => sum + n[k], 0), issues: n }
  })
  return {
    today,
    filters,
    total: statuses.length,
    rows,
    slow,
    issues,
    teams,
    provisionalYears: input.provisionalYears ?? [],
    slowRule: slowRule((stage) => stageLimitMonths(stage, input.thresholds)),
  }
}

function overviewRow(s: ProjectStatus, issues: ColourCounts, today: LocalDate, thresholds: SlowThresholds): OverviewRow {
  const latest = s.latestProgress
  return {
    id: s.project.id,
    name: s.project.name,
    chips: STAGES.map((stage) => ({ name: STAGE_NAMES[stage], on: s.stages[stage] ?? null, current: s.stage?.stage === stage })),
    current: s.stage
      ? { stage: s.stage.stage, monthsIn: wholeMonths(s.stage.since, today), limitMonths: stageLimitMonths(s.stage.stage, thresholds) }
      : null,
    slow: s.slow !== null,
    progress: latest ? { percent: latest.percent, summary: latest.summary, daysAgo: s.daysSinceUpdate ?? 0 } : null,
    issues,
  }
}

const COLOURS = ['red', 'yellow', 'blue', 'green'] as const
const NONE: ColourCounts = { red: 0, yellow: 0, blue: 0, green: 0 }

const byName = (a: OverviewRow, b: OverviewRow) => collator.compare(a.name, b.name)
/** Months past the stage's limit; negative while within it, and far below for stages without one. */
const overLimit = (r: OverviewRow) => (r.current && r.current.limitMonths !== null ? r.current.monthsIn - r.current.limitMonths : -Infinity)
/** Days since the latest progress; never reported sorts first. */
const staleness = (r: OverviewRow) => r.progress?.daysAgo ?? Infinity
const stageIndex = (r: OverviewRow) => (r.current ? STAGES.indexOf(r.current.stage) : -1)

const COMPARE: Record<OverviewSort, (a: OverviewRow, b: OverviewRow) => number> = {
  // 严重超期 first, then 超期, then 临期, then slow projects furthest past their limit, then the quietest.
  urgency: (a, b) =>
    b.issues.red - a.issues.red ||
    b.issues.yellow - a.issues.yellow ||
    b.issues.blue - a.issues.blue ||
    Number(b.slow) - Number(a.slow) ||
    compareDesc(overLimit(a), overLimit(b)) ||
    compareDesc(staleness(a), staleness(b)) ||
    byName(a, b),
  stale: (a, b) => compareDesc(staleness(a), staleness(b)) || byName(a, b),
  // Earliest stage first, the longest in it first.
  stage: (a, b) => stageIndex(a) - stageIndex(b) || (b.current?.monthsIn ?? 0) - (a.current?.monthsIn ?? 0) || byName(a, b),
  name: byName,
}

/** Larger first, infinities included (Infinity - Infinity is NaN, not 0). */
function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1
}
