import type { LedgerProject } from '../store/index.ts'

/**
 * The yardsticks of corpus/README.md: one message → records, and a whole conversation → the
 * ledger. Labels allow several right answers (a list), and record types that are right whether
 * present or absent (`maybe`).
 */

type Wanted = string | number | null | (string | number | null)[]

interface LabelledRecord {
  type: 'progress' | 'issue' | 'resolution'
  [field: string]: Wanted
}

export interface LabelledMessage {
  id: string
  text: string
  sentAt: string
  expect: { records: LabelledRecord[]; maybe?: string[] }
}

/** A record as the parser gives it; fields are read by name. */
export type PredictedRecord = { type: string } & object

const TYPES = ['progress', 'issue', 'resolution'] as const
const FIELDS = { progress: ['stage', 'percent', 'due'], issue: ['category', 'due'], resolution: ['category'] } as const

interface Counts {
  tp: number
  fp: number
  fn: number
}

export interface RecordScore {
  detectionF1: Record<(typeof TYPES)[number], number>
  macroF1: number
  /** Right field values over all fields of the records found. */
  fieldAccuracy: number
  misses: string[]
}

const f1 = ({ tp, fp, fn }: Counts) => (tp === 0 ? (fp + fn === 0 ? 1 : 0) : (2 * tp) / (2 * tp + fp + fn))

function same(want: Wanted | undefined, got: unknown, field: string): boolean {
  if (Array.isArray(want)) return want.some((w) => same(w, got, field))
  if (field === 'percent' && typeof want === 'number' && typeof got === 'number') return Math.abs(want - got) <= 0.5
  return (want ?? null) === (got ?? null)
}

/** Per message, the first record of each type is compared with the first labelled one. */
export function scoreRecords(labelled: readonly LabelledMessage[], predicted: ReadonlyMap<string, readonly PredictedRecord[]>): RecordScore {
  const detection = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof TYPES)[number], Counts>
  let right = 0
  let total = 0
  const misses: string[] = []
  for (const item of labelled) {
    const got = predicted.get(item.id) ?? []
    const maybe = new Set(item.expect.maybe ?? [])
    for (const type of TYPES) {
      const w = item.expect.records.find((r) => r.type === type)
      const g = got.find((r) => r.type === type)
      if (maybe.has(type) && !w) continue
      if (w && g) detection[type].tp++
      else if (w) {
        detection[type].fn++
        misses.push(`${item.id} 漏了${type}：${item.text}`)
      } else if (g) {
        detection[type].fp++
        misses.push(`${item.id} 多了${type}：${item.text}`)
      }
      if (!w || !g) continue
      for (const field of FIELDS[type]) {
        if (type === 'resolution' && (w[field] ?? null) === null) continue
        total++
        const value = (g as Record<string, unknown>)[field]
        if (same(w[field], value, field)) right++
        else misses.push(`${item.id} ${type}.${field}：应为 ${JSON.stringify(w[field])}，得到 ${JSON.stringify(value)}：${item.text}`)
      }
    }
  }
  const detectionF1 = Object.fromEntries(TYPES.map((t) => [t, f1(detection[t])])) as RecordScore['detectionF1']
  return {
    detectionF1,
    macroF1: TYPES.reduce((s, t) => s + detectionF1[t], 0) / TYPES.length,
    fieldAccuracy: total ? right / total : 1,
    misses,
  }
}

export interface LabelledRoom {
  room: string
  stage?: Wanted
  issues?: { raisedBy: string; followUps?: string[]; category: Wanted; status: 'open' | 'resolved'; resolvedBy: string | null; due: Wanted }[]
  progress?: { message: string; stage: Wanted; percent: Wanted; due: Wanted; maybe?: boolean }[]
  progressMaybe?: string[]
  noRecord?: string[]
}

export interface LedgerScore {
  parts: { issueF1: number; followUps: number; team: number; status: number; closedBy: number; progressF1: number; stage: number; quiet: number }
  /** The mean of the parts: the headline figure. */
  ledgerScore: number
  misses: string[]
}

/**
 * A labelled issue is found when a predicted issue's first message is its `raisedBy` (the n-th
 * labelled issue of one message matching the n-th predicted one, a same-team one first). Missed
 * issues count as wrong on team, status and closer too, so an empty ledger scores low.
 */
export function scoreLedger(labels: readonly LabelledRoom[], ledger: readonly LedgerProject[]): LedgerScore {
  const issue: Counts = { tp: 0, fp: 0, fn: 0 }
  const progress: Counts = { tp: 0, fp: 0, fn: 0 }
  const tallies = { followUps: [0, 0], team: [0, 0], status: [0, 0], closedBy: [0, 0], stage: [0, 0], quiet: [0, 0] }
  const misses: string[] = []
  const tally = (key: keyof typeof tallies, ok: boolean, why: string) => {
    tallies[key][1]!++
    if (ok) tallies[key][0]!++
    else misses.push(why)
  }
  const byRoom = new Map(ledger.map((p) => [p.room, p]))
  for (const label of labels) {
    const room = label.room
    const p = byRoom.get(room)
    if (!p) misses.push(`${room}：账中没有这个项目`)
    const issues = p?.issues ?? []
    const used = new Set<(typeof issues)[number]>()
    const match = new Map<NonNullable<LabelledRoom['issues']>[number], (typeof issues)[number]>()
    for (const sameTeam of [true, false]) {
      for (const want of label.issues ?? []) {
        if (match.has(want)) continue
        const got = issues.find((i) => !used.has(i) && i.messages[0] === want.raisedBy && (!sameTeam || same(want.category, i.category, 'category')))
        if (got) {
          used.add(got)
          match.set(want, got)
        }
      }
    }
    for (const want of label.issues ?? []) {
      const got = match.get(want)
      if (!got) {
        issue.fn++
        misses.push(`${room}：漏了 ${want.raisedBy} 提出的问题`)
        tallies.team[1]!++
        tallies.status[1]!++
        if (want.status === 'resolved') tallies.closedBy[1]!++
        continue
      }
      issue.tp++
      tally('team', same(want.category, got.category, 'category'), `${room}：${want.raisedBy} 的问题专班应为 ${JSON.stringify(want.category)}，得到 ${got.category}`)
      tally('status', want.status === got.status, `${room}：${want.raisedBy} 的问题状态应为 ${want.status}，得到 ${got.status}`)
      if (want.status === 'resolved') tally('closedBy', want.resolvedBy === got.resolvedBy, `${room}：${want.raisedBy} 的问题应由 ${want.resolvedBy} 办结，得到 ${got.resolvedBy}`)
    }
    for (const got of issues) {
      if (used.has(got)) continue
      issue.fp++
      misses.push(`${room}：多了问题 #${got.number}（${got.messages[0]} 提出，${got.category}）`)
    }
    const raisers = new Set(issues.map((i) => i.messages[0]))
    for (const want of label.issues ?? []) {
      for (const f of want.followUps ?? []) {
        tally('followUps', match.has(want) && !raisers.has(f), `${room}：跟进 ${f}（${want.raisedBy} 的问题）${match.has(want) ? '自己开了新问题' : '所跟的问题漏了'}`)
      }
    }
    const gotProgress = new Map((p?.progress ?? []).map((g) => [g.message, g]))
    const wanted = new Set<string>()
    for (const want of label.progress ?? []) {
      wanted.add(want.message)
      const got = gotProgress.get(want.message)
      if (!got) {
        if (!want.maybe) {
          progress.fn++
          misses.push(`${room}：漏了进度 ${want.message}`)
        }
        continue
      }
      progress.tp++
      for (const field of ['stage', 'percent', 'due'] as const) {
        if (!same(want[field], got[field], field)) misses.push(`${room}：进度 ${want.message} 的 ${field} 应为 ${JSON.stringify(want[field])}，得到 ${JSON.stringify(got[field])}`)
      }
    }
    const allowed = new Set(label.progressMaybe ?? [])
    for (const id of gotProgress.keys()) {
      if (wanted.has(id) || allowed.has(id)) continue
      progress.fp++
      misses.push(`${room}：多了进度 ${id}`)
    }
    if ('stage' in label) tally('stage', same(label.stage, p?.stage ?? null, 'stage'), `${room}：最终节点应为 ${JSON.stringify(label.stage)}，得到 ${p?.stage}`)
    const touched = new Set([...issues.map((i) => i.messages[0]), ...gotProgress.keys()])
    for (const id of label.noRecord ?? []) tally('quiet', !touched.has(id), `${room}：${id} 不应留下记录`)
  }
  const share = ([right, total]: number[]) => (total ? right! / total : 1)
  const parts = {
    issueF1: f1(issue),
    followUps: share(tallies.followUps),
    team: share(tallies.team),
    status: share(tallies.status),
    closedBy: share(tallies.closedBy),
    progressF1: f1(progress),
    stage: share(tallies.stage),
    quiet: share(tallies.quiet),
  }
  const values = Object.values(parts)
  return { parts, ledgerScore: values.reduce((s, v) => s + v, 0) / values.length, misses }
}
