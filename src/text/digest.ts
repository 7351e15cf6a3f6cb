import { isoWeekday, type LocalDate } from '../calendar/local-date.ts'
import type { CalendarGap } from '../domain/calendar-gaps.ts'
import { LIST_LIMIT, type Digest } from '../domain/digest.ts'
import type { Stage } from '../parse/types.ts'
import { clip, dateText, issueAgeText, shortDate, STAGE_NAMES, URGENCY_MARK } from './labels.ts'

const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日']
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** The stage a slow project has not reached yet: signed → 供地, land → 动工, construction → 竣工. */
const NEXT_STAGE: Partial<Record<Stage, string>> = { signed: '供地', land: '动工', construction: '竣工' }

/** "10月10日 星期六（调休上班）" */
export function dayLabel(day: LocalDate, makeUp: boolean): string {
  return `${shortDate(day)} ${WEEKDAYS[isoWeekday(day) - 1]}${makeUp ? '（调休上班）' : ''}`
}

/** The window runs from the previous working day up to the digest's day: "10月9日以来". */
function windowLabel(since: LocalDate): string {
  return `${shortDate(since)}以来`
}

function capped<T>(items: readonly T[], line: (item: T) => string, limit = LIST_LIMIT): string[] {
  const lines = items.slice(0, limit).map(line)
  if (items.length > limit) lines.push(`……另有 ${items.length - limit} 项`)
  return lines
}

/**
 * What figures a missing calendar year left uncounted, and how they are shown instead:
 * "日历缺少 2027 年法定节假日数据：2 个问题的到期日无法计算，暂按未定期限统计".
 */
function gapFacts(g: CalendarGap): string {
  const facts = [
    g.undated > 0 ? `${g.undated} 个问题的到期日无法计算，暂按未定期限统计` : '',
    g.uncounted > 0 ? `${g.uncounted} 个问题的剩余工作日无法计算，暂按临期统计` : '',
  ].filter((f) => f !== '')
  return `日历缺少 ${g.year} 年法定节假日数据：${facts.join('，')}`
}

/**
 * The digest as one text of blocks separated by blank lines: a header (the headcount by stage),
 * then the sections most urgent first, numbered 一、二、…, and a note when a figure needed a year
 * the calendar lacks (admins are told what to do apart: renderCalendarNotice). Never empty: a day
 * with nothing to report says so. The outbox sends it in parts, a block kept whole.
 */
export function renderDigest(d: Digest): string {
  const head = [`📰 督办日报 · ${dayLabel(d.day, d.makeUp)}`]
  head.push(
    d.projectCount === 0
      ? '在库项目 0 个。'
      : `在库项目 ${d.projectCount} 个：${d.byStage.map((s) => `${s.stage ? STAGE_NAMES[s.stage] : '未记节点'} ${s.count}`).join(' · ')}`,
  )

  const sections: { title: string; lines: string[] }[] = []
  if (d.severeOverdue.total > 0) {
    const { total, most } = d.severeOverdue
    sections.push({
      title: `严重超期问题（超期 5 个工作日及以上）${total} 个`,
      lines: [
        ...most.map((i) => `🔴 ${i.projectName} #${i.number} ${clip(i.summary, 24)}（超期${i.overdueWorkingDays}个工作日${d.escalated.includes(i.id) ? '，已提级' : ''}）`),
        ...(total > most.length ? [`……另有 ${total - most.length} 项`] : []),
      ],
    })
  }
  if (d.teams.length > 0) {
    sections.push({
      title: `各专班问题（新增、办结为 ${windowLabel(d.since)}）`,
      lines: d.teams.map((t) => {
        const marks = [t.red > 0 ? `${URGENCY_MARK.red}${t.red}` : '', t.yellow > 0 ? `${URGENCY_MARK.yellow}${t.yellow}` : ''].filter((m) => m !== '')
        return `${t.name}：未办结 ${t.open}${marks.length > 0 ? `（${marks.join(' ')}）` : ''}，新增 ${t.opened}，办结 ${t.resolved}`
      }),
    })
  }
  if (d.slow.length > 0) {
    sections.push({
      title: `进展缓慢项目 ${d.slow.length} 个`,
      lines: capped(
        d.slow,
        (s) => `${s.projectName}：${STAGE_NAMES[s.stage]}已 ${s.monthsIn} 个月未${NEXT_STAGE[s.stage] ?? '推进'}（${dateText(s.since, d.day)}${STAGE_NAMES[s.stage]}，时限 ${s.limitMonths} 个月）`,
      ),
    })
  }
  if (d.unconfirmedStages.length > 0) {
    sections.push({
      title: `成员报告、待管理员确认的节点 ${d.unconfirmedStages.length} 个`,
      lines: [
        ...capped(
          d.unconfirmedStages,
          (s) => `${s.projectName}：${STAGE_NAMES[s.stage]} ${dateText(s.reachedOn, d.day)}${s.reporterName ? `（${s.reporterName}报告）` : ''}`,
        ),
        '管理员在该项目群发 /节点 节点 日期 确认，或 /节点 撤销 节点',
      ],
    })
  }
  if (d.silent.length > 0) {
    sections.push({
      title: `连续 3 个工作日以上无人发言的项目群 ${d.silent.length} 个`,
      lines: capped(
        d.silent,
        (s) => `${s.projectName}：${s.workingDays} 个工作日${s.lastMessageOn ? `（最后发言 ${dateText(s.lastMessageOn, d.day)}）` : '（从未发言）'}`,
      ),
    })
  }
  if (d.oldest.length > 0) {
    sections.push({
      title: '最久未办结问题',
      lines: d.oldest.map((i) => `${URGENCY_MARK[i.urgency]} ${i.projectName} #${i.number} ${issueAgeText(i.ageWorkingDays, i.openedOn, d.day)}：${clip(i.summary, 24)}`),
    })
  }
  if (d.progress.length > 0) {
    sections.push({
      title: `${windowLabel(d.since)} 进度 ${d.progress.length} 条`,
      lines: capped(d.progress, (p) => `${p.projectName}${p.reporterName ? `（${p.reporterName}）` : ''}：${clip(p.summary, 30)}`),
    })
  }
  if (sections.length === 0) head.push(`${windowLabel(d.since)} 无新进度，无未办结问题，无慢项目和沉默群，今日无需关注事项。`)

  const note = d.calendarGaps.length > 0 ? [`注：${d.calendarGaps.map(gapFacts).join('；')}。`] : []
  return [head.join('\n'), ...sections.map((s, k) => [`${NUMERALS[k]}、${s.title}`, ...s.lines].join('\n')), ...note].join('\n\n')
}

/**
 * To the admins, once a working day with the digest, when its figures needed a year the calendar
 * lacks: what it cost and what to do. Example:
 *   ⚠️ 日历缺少 2027 年法定节假日数据：2 个问题的到期日无法计算，暂按未定期限统计。
 *   请在 data/holidays.json（或 HOLIDAYS_FILE 指定的文件）补充 2027 年的放假与调休安排，格式见 README「法定节假日与工作日」，重启后生效。
 */
export function renderCalendarNotice(gaps: readonly CalendarGap[]): string {
  const years = gaps.map((g) => g.year).join('、')
  return [
    ...gaps.map((g) => `⚠️ ${gapFacts(g)}。`),
    `请在 data/holidays.json（或 HOLIDAYS_FILE 指定的文件）补充 ${years} 年的放假与调休安排，格式见 README「法定节假日与工作日」，重启后生效。`,
  ].join('\n')
}

/** When the calendar lacks today's year, the digest says only that: no working-day count can be trusted. */
export function renderCalendarMissingDigest(day: LocalDate, year: number): string {
  return [
    `📰 督办日报 · ${shortDate(day)}`,
    `⚠️ 日历缺少 ${year} 年法定节假日数据，无法判断工作日、计算到期日和超期天数，今日简报未生成。`,
    '请管理员在 data/holidays.json 补充该年的放假与调休安排（见 README），补充后发 /简报 即可获取。',
  ].join('\n')
}
