import { LIST_LIMIT } from '../domain/digest.ts'
import { PACE_DAYS, type StageGap, type TeamWeekLine, type Weekly } from '../domain/weekly.ts'
import { dateText, shortDate, STAGE_NAMES } from './labels.ts'

/** The stage a slow project has not reached yet: signed → 供地, land → 动工, construction → 竣工. */
const NEXT_STAGE: Record<string, string> = { signed: '供地', land: '动工', construction: '竣工' }

/** "50%", "100%"; "—" when nothing was closed to share out. */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`
}

/** "6" or "6.5": a median of working days or days. */
export function daysText(days: number): string {
  return Number.isInteger(days) ? String(days) : days.toFixed(1)
}

/**
 * One team's week: "土地工作专班：收到 3，办结 2（按期 1，占 50%，中位 6 个工作日），未办结 4，其中超期 2".
 */
export function teamWeekText(t: TeamWeekLine): string {
  const closed = t.closed > 0 ? `办结 ${t.closed}（按期 ${t.closedInTime}，占 ${shareText(t.inTimeShare)}，中位 ${daysText(t.medianWorkingDays!)} 个工作日）` : '办结 0'
  return `${t.name}：收到 ${t.received}，${closed}，未办结 ${t.open}，其中超期 ${t.overdue}`
}

/** "签约→供地 中位 45 天（3 个项目）" or "签约→供地 近 90 天无项目". */
function gapText(label: string, gap: StageGap): string {
  return gap.medianDays === null ? `${label} 近 ${PACE_DAYS} 天无项目` : `${label} 中位 ${daysText(gap.medianDays)} 天（${gap.projects} 个项目）`
}

/**
 * The city's pace, as the city says it: "全市近 90 天供地 11 个项目，平均每 8 天一个项目供地".
 * Fewer days than one a project reads "平均每天 1.5 个项目供地".
 */
export function paceText(lands: number): string {
  if (lands === 0) return `全市近 ${PACE_DAYS} 天没有项目供地`
  const every = PACE_DAYS / lands
  const pace = every >= 1 ? `平均每 ${Math.round(every)} 天一个项目供地` : `平均每天 ${daysText(lands / PACE_DAYS)} 个项目供地`
  return `全市近 ${PACE_DAYS} 天供地 ${lands} 个项目，${pace}`
}

/** "（12月1日 星期一）…" is the digest's; the 通报 names its week: "11月30日至12月6日". */
function weekLabel(w: Weekly): string {
  return `${shortDate(w.since)}至${shortDate(w.until)}`
}

/**
 * The weekly 通报 as one text of blocks (the outbox sends it in parts, a block kept whole): the
 * teams ranked slowest first, the stages reached and the speeds, the slow projects. Example:
 *   📢 临江市项目督办周通报（11月30日至12月6日）
 *
 *   一、各专班办理情况（超期多、按期办结率低的排在前面）
 *   1. 土地工作专班：收到 3，办结 2（按期 1，占 50%，中位 6 个工作日），未办结 4，其中超期 2
 *   …
 */
export function renderWeekly(w: Weekly, city: string): string {
  const head = `📢 ${city}项目督办周通报（${weekLabel(w)}）`
  const teams =
    w.teams.length === 0
      ? ['本周各专班无收到、办结和未办结的问题。']
      : w.teams.map((t, k) => `${k + 1}. ${teamWeekText(t)}`)
  const steps =
    w.steps.length === 0
      ? ['本周没有项目到达供地、动工、竣工或投产节点。']
      : [
          `本周到达节点 ${w.steps.length} 个：`,
          ...w.steps.slice(0, LIST_LIMIT).map((s) => `${s.projectName} ${STAGE_NAMES[s.stage]}（${shortDate(s.on)}）`),
          ...(w.steps.length > LIST_LIMIT ? [`……另有 ${w.steps.length - LIST_LIMIT} 项`] : []),
        ]
  const speed = [
    `近 ${PACE_DAYS} 天：${gapText('签约→供地', w.signedToLand)}；${gapText('供地→动工', w.landToConstruction)}`,
    paceText(w.landsInPace),
  ]
  const slow =
    w.slow.length === 0
      ? ['无。']
      : [
          ...w.slow
            .slice(0, LIST_LIMIT)
            .map((s) => `${s.projectName}：${STAGE_NAMES[s.stage]}已 ${s.monthsIn} 个月未${NEXT_STAGE[s.stage] ?? '推进'}（${dateText(s.since, w.day)}${STAGE_NAMES[s.stage]}，时限 ${s.limitMonths} 个月）`),
          ...(w.slow.length > LIST_LIMIT ? [`……另有 ${w.slow.length - LIST_LIMIT} 项`] : []),
        ]
  return [
    head,
    ['一、各专班办理情况（超期多、按期办结率低的排在前面）', ...teams].join('\n'),
    ['二、节点推进', ...steps, ...speed].join('\n'),
    [`三、进展缓慢项目 ${w.slow.length} 个`, ...slow].join('\n'),
  ].join('\n\n')
}
