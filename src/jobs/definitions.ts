import type { LocalDate } from '../calendar/local-date.ts'
import { liaisonsInGroup } from '../domain/liaisons.ts'
import type { Contact } from '../domain/reminders.ts'
import { selectReminders } from '../domain/reminders.ts'
import { SEVERE_OVERDUE_WORKING_DAYS } from '../domain/digest.ts'
import { overdueBefore, workingDayCounter } from '../domain/sla.ts'
import type { OpenIssue } from '../domain/types.ts'
import { buildDigest } from '../reports/digest.ts'
import { listOpenIssues } from '../reports/status.ts'
import { buildWeeklyText } from '../reports/weekly.ts'
import { escalationKey, listEscalationCandidates, listIssueHistories, listProjects, listReminderCandidates } from '../store/index.ts'
import { renderEscalation } from '../text/escalation.ts'
import { renderBlockerSummary } from '../text/blocker-summary.ts'
import { renderReminder } from '../text/reminder.ts'
import type { Recipient } from './directory.ts'
import { JobNotReadyError, type JobDefinition, type JobDeps, type JobText } from './job-types.ts'

/** Into each group with no progress reported lately: a nudge @mentioning its latest reporters. */
export const reminderJob: JobDefinition = {
  name: 'reminder',
  speaksWhenCalendarMissing: false,
  async texts(deps, today) {
    const after = deps.rules.reminderAfterWorkingDays
    const reminders = selectReminders({ candidates: await listReminderCandidates(deps.db), today, calendar: deps.rules.calendar, afterWorkingDays: after })
    return reminders.map((r) => ({
      recipient: { kind: 'room', id: r.roomId },
      text: renderReminder(today, after, r.lastProgressOn),
      mentionIds: r.mentionIds,
    }))
  },
}

/**
 * Into each group with open issues: the list, most urgent first, @mentioning the teams' liaisons.
 * And privately to a project's leader in charge (/挂点), once per issue, each issue that has become
 * 严重超期 (SEVERE_OVERDUE_WORKING_DAYS past due), with its history and its team.
 */
export const blockerJob: JobDefinition = {
  name: 'blockers',
  speaksWhenCalendarMissing: false,
  async texts(deps, today) {
    return [...(await blockerTexts(deps, today)), ...(await escalationTexts(deps, today))]
  },
}

async function escalationTexts(deps: JobDeps, today: LocalDate): Promise<JobText[]> {
  const { calendar, teams, timeZone } = deps.rules
  const candidates = await listEscalationCandidates(deps.db, overdueBefore(calendar, today, SEVERE_OVERDUE_WORKING_DAYS))
  const days = workingDayCounter(calendar, today)
  const texts: JobText[] = []
  for (const c of candidates) {
    const found = c.leader.wechatId ? { kind: 'contact' as const, id: c.leader.wechatId } : await deps.directory.findRecipient(c.leader.name).catch(() => null)
    // Not escalated (nothing queued), so tried again with tomorrow's run.
    if (!found) {
      deps.log.warn(`问题提级：微信里找不到挂点领导「${c.leader.name}」（${c.projectName} #${c.number}），请管理员在该项目群用 /挂点 @领导 重新设定`)
      continue
    }
    const history = (await listIssueHistories(deps.db, c.projectId)).find((h) => h.issue.id === c.issueId)
    const text = renderEscalation(
      {
        projectName: c.projectName,
        number: c.number,
        teamName: teams[c.category].name,
        liaisons: teams[c.category].liaisons,
        summary: c.summary,
        openedOn: c.openedOn,
        dueOn: c.dueOn,
        overdueWorkingDays: days.until(c.dueOn),
        leaderName: c.leader.name,
        steps: (history?.events ?? []).map((e) => ({
          kind: e.event.kind,
          at: e.event.at,
          actorName: e.actorName,
          note: e.event.kind === 'assigned' && e.assigneeName ? `负责人：${e.assigneeName}` : e.event.note,
          messageText: e.message && !e.message.recalledAt ? e.message.text : null,
        })),
      },
      today,
      timeZone,
    )
    texts.push({ recipient: found, text, mentionIds: [], once: { dedupeKey: escalationKey(c.issueId), issueId: c.issueId } })
  }
  return texts
}

async function blockerTexts(deps: JobDeps, today: LocalDate): Promise<JobText[]> {
  const { teams, calendar } = deps.rules
  const rooms = new Map((await listProjects(deps.db)).flatMap((p) => (p.roomId ? [[p.id, p.roomId] as const] : [])))
  const byProject = new Map<number, OpenIssue[]>()
  for (const issue of await listOpenIssues(deps.db, { today, calendar })) {
    const list = byProject.get(issue.projectId)
    if (list) list.push(issue)
    else byProject.set(issue.projectId, [issue])
  }
  const days = workingDayCounter(calendar, today)
  const texts: JobText[] = []
  for (const [projectId, issues] of byProject) {
    const roomId = rooms.get(projectId)
    if (!roomId) continue
    // Ask WeChat who is in the group only when a team concerned has a liaison to @mention.
    const anyLiaison = issues.some((i) => teams[i.category].liaisons.length > 0)
    const liaisons = liaisonsInGroup(
      issues.map((i) => i.category),
      teams,
      anyLiaison ? await membersOrNone(deps, roomId) : [],
    )
    const text = renderBlockerSummary({ issues, days, teams, liaisons })
    if (text) texts.push({ recipient: { kind: 'room', id: roomId }, text, mentionIds: liaisons.map((l) => l.contact.id) })
  }
  return texts
}

/** One group WeChat cannot list (the bot was removed, a lost connection) still gets its list,
 *  only without @mentions, and the other groups are not held up by it. */
async function membersOrNone(deps: JobDeps, roomId: string): Promise<Contact[]> {
  try {
    return await deps.directory.roomMembers(roomId)
  } catch (error) {
    deps.log.warn(`问题督办：读不到群 ${roomId} 的成员（${(error as Error).message}），清单照发，但不 @联络员`)
    return []
  }
}

/**
 * To DIGEST_RECIPIENTS: the leaders' digest; and to the admins (BOT_ADMINS), when its figures
 * needed a year the calendar lacks, what to add: once a working day, as the job runs once.
 */
export const digestJob: JobDefinition = {
  name: 'digest',
  speaksWhenCalendarMissing: true,
  async texts(deps, today) {
    const { digestRecipients, admins } = deps.rules
    if (digestRecipients.length === 0 && admins.length === 0) return []
    const report = await buildDigest(deps.db, today, deps.rules)
    const texts: JobText[] = []
    if (digestRecipients.length > 0) {
      const recipients = await lookUp(deps, digestRecipients, 'DIGEST_RECIPIENTS')
      // None found at all is more likely WeChat still loading contacts than every name being wrong.
      if (recipients.length === 0) throw new JobNotReadyError('DIGEST_RECIPIENTS 中的接收人微信里一个都还找不到')
      texts.push(...recipients.map((recipient) => ({ recipient, text: report.text, mentionIds: [] })))
    }
    if (report.calendarNotice) {
      for (const recipient of await lookUp(deps, admins, 'BOT_ADMINS')) texts.push({ recipient, text: report.calendarNotice, mentionIds: [] })
    }
    return texts
  },
}

/**
 * To DIGEST_RECIPIENTS, on Mondays (WEEKLY_CRON): the weekly 通报 of the week before — the teams
 * ranked, the stages reached and their speeds, the slow projects. Like every job, only on a
 * working day: a Monday holiday has none.
 */
export const weeklyJob: JobDefinition = {
  name: 'weekly',
  speaksWhenCalendarMissing: false,
  async texts(deps, today) {
    const { digestRecipients } = deps.rules
    if (digestRecipients.length === 0) return []
    const recipients = await lookUp(deps, digestRecipients, 'DIGEST_RECIPIENTS')
    if (recipients.length === 0) throw new JobNotReadyError('DIGEST_RECIPIENTS 中的接收人微信里一个都还找不到')
    const text = await buildWeeklyText(deps.db, today, deps.rules)
    return recipients.map((recipient) => ({ recipient, text, mentionIds: [] }))
  },
}

/** The groups and contacts these names mean; a name WeChat does not know is logged and skipped. */
async function lookUp(deps: JobDeps, names: readonly string[], setting: string): Promise<Recipient[]> {
  const recipients: Recipient[] = []
  for (const name of names) {
    const found = await deps.directory.findRecipient(name).catch((error: unknown) => {
      deps.log.warn(`领导简报、周通报：查找「${name}」出错：${(error as Error).message}`)
      return undefined
    })
    if (found) recipients.push(found)
    else if (found === null) deps.log.warn(`领导简报、周通报：微信里没有名为「${name}」的群或联系人（${setting}），不发给它`)
  }
  return recipients
}
