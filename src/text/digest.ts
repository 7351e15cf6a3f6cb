import { isoWeekday, type LocalDate } from '../calendar/local-date.ts'
import type { CalendarNotice, ProvisionalUse } from '../domain/calendar-gaps.ts'
import { LIST_LIMIT, type Digest } from '../domain/digest.ts'
import type { Stage } from '../parse/types.ts'
import { clip, dateText, issueAgeText, PROVISIONAL_MARK, shortDate, STAGE_NAMES, URGENCY_MARK } from './labels.ts'

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

function years(list: readonly number[]): string {
  return `${list.join('、')} 年`
}

/**
 * The digest's last block when a figure used a provisional year, e.g. on 2027-01-05:
 *   注：国务院尚未公布 2027 年放假安排，2027 年暂按法定节假日计（元旦、春节除夕至初三、清明、劳动节5月1日至2日、
 *   端午、中秋、国庆10月1日至3日，周末休息，不含调休）。本简报的工作日数、超期和临期均为暂定。
 */
function provisionalNote(p: ProvisionalUse): string {
  const facts = [
    p.today ? '本简报的工作日数、超期和临期均为暂定' : '',
    p.dueDates > 0 ? `${p.dueDates} 个未办结问题的到期日和剩余工作日为暂定` : '',
  ].filter((f) => f !== '')
  return `注：国务院尚未公布 ${years(p.years)}放假安排，${years(p.years)}暂按法定节假日计（${STATUTORY_SUMMARY}）。${facts.join('；')}。`
}

/** The holiday law's days, as a person checks them. */
const STATUTORY_SUMMARY = '元旦、春节除夕至初三、清明、劳动节5月1日至2日、端午、中秋、国庆10月1日至3日，周末休息，不含调休'

/**
 * The digest as one text of blocks separated by blank lines: a header (the headcount by stage),
 * then the sections most urgent first, numbered 一、二、…, and a note when a figure needed a year
 * the calendar lacks (admins are told what to do apart: renderCalendarNotice). Never empty: a day
 * with nothing to report says so. The outbox sends it in parts, a block kept whole.
 */
export function renderDigest(d: Digest): string {
  const head = [`📰 督办日报 · ${dayLabel(d.day, d.makeUp)}${d.provisional.today ? `（${PROVISIONAL_MARK}）` : ''}`]
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
        ...most.map((i) => `🔴 ${i.projectName} #${i.number} ${clip(i.summary, 24)}（超期${i.overdueWorkingDays}个工作日${i.provisional ? `，${PROVISIONAL_MARK}` : ''}${d.escalated.includes(i.id) ? '，已提级' : ''}）`),
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
      lines: d.oldest.map(
        (i) => `${URGENCY_MARK[i.urgency]} ${i.projectName} #${i.number} ${issueAgeText(i.ageWorkingDays, i.openedOn, d.day)}${i.provisional ? `（${PROVISIONAL_MARK}）` : ''}：${clip(i.summary, 24)}`,
      ),
    })
  }
  if (d.progress.length > 0) {
    sections.push({
      title: `${windowLabel(d.since)} 进度 ${d.progress.length} 条`,
      lines: capped(d.progress, (p) => `${p.projectName}${p.reporterName ? `（${p.reporterName}）` : ''}：${clip(p.summary, 30)}`),
    })
  }
  if (sections.length === 0) head.push(`${windowLabel(d.since)} 无新进度，无未办结问题，无慢项目和沉默群，今日无需关注事项。`)

  const note = d.provisional.years.length > 0 ? [provisionalNote(d.provisional)] : []
  return [head.join('\n'), ...sections.map((s, k) => [`${NUMERALS[k]}、${s.title}`, ...s.lines].join('\n')), ...note].join('\n\n')
}

/** How an admin makes a year official: the notice's text, saved as a file, imported. */
export const IMPORT_COMMAND = 'npm run holidays -- import 通知.txt'

/**
 * To the admins, once a working day with the digest, while a provisional year is in use, and from
 * 1 December while the coming year has no notice imported. Example (2027-01-05):
 *   ⚠️ 2027 年的放假安排还没有导入：机器人暂按法定节假日计算（…），用到的到期日和工作日数都标“暂定”。
 *   国务院公布《关于2027年部分节假日安排的通知》后，把通知全文存为文本文件（如 通知.txt），在机器人目录运行：
 *   npm run holidays -- import 通知.txt
 *   写入 data/holidays.json（或 HOLIDAYS_FILE）后立即生效，无需重启；到期日按暂定日历算出的问题会重新计算。
 */
export function renderCalendarNotice(n: CalendarNotice): string {
  const lines: string[] = []
  if (n.provisional.length > 0) {
    lines.push(`⚠️ ${years(n.provisional)}的放假安排还没有导入：机器人暂按法定节假日计算（${STATUTORY_SUMMARY}），用到的到期日和工作日数都标“${PROVISIONAL_MARK}”。`)
  }
  if (n.comingYear !== null) {
    lines.push(`⚠️ 还没有 ${n.comingYear} 年的放假安排：1月1日起将暂按法定节假日计算，不含调休，相关数字标“${PROVISIONAL_MARK}”。`)
  }
  const all = [...n.provisional, ...(n.comingYear !== null ? [n.comingYear] : [])]
  lines.push(
    `国务院公布《关于${all.join('、')}年部分节假日安排的通知》后，把通知全文存为文本文件（如 通知.txt），在机器人目录运行：`,
    IMPORT_COMMAND,
    '写入 data/holidays.json（或 HOLIDAYS_FILE 指定的文件）后立即生效，无需重启；到期日按暂定日历算出的问题会重新计算。',
  )
  return lines.join('\n')
}

/** When the calendar lacks today's year, the digest says only that: no working-day count can be trusted. */
export function renderCalendarMissingDigest(day: LocalDate, year: number): string {
  return [
    `📰 督办日报 · ${shortDate(day)}`,
    `⚠️ 日历缺少 ${year} 年法定节假日数据，无法判断工作日、计算到期日和超期天数，今日简报未生成。`,
    '请管理员在 data/holidays.json 补充该年的放假与调休安排（见 README），补充后发 /简报 即可获取。',
  ].join('\n')
}
