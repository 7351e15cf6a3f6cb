import type { LocalDate } from '../calendar/local-date.ts'
import { buildBlockerSummary } from '../domain/blocker-summary.ts'
import { selectReminders } from '../domain/reminders.ts'
import { workingDayCounter } from '../domain/sla.ts'
import { teamNames } from '../domain/teams.ts'
import { listActiveProjects, listOpenIssues, type OpenIssue } from '../store/index.ts'
import { listReminderCandidates } from '../store/reminder-candidates.query.ts'
import { packParts } from '../domain/pack-parts.ts'
import { buildDigestBlocks } from './build-digest.ts'
import { JobNotReadyError, type JobDefinition, type JobDeps, type JobText } from './job-types.ts'

export const reminderJob: JobDefinition = {
  name: 'reminder',
  cron: (s) => s.reminderCron,
  speaksWhenCalendarMissing: false,
  async texts(deps, today) {
    const reminders = selectReminders({
      candidates: await listReminderCandidates(deps.db),
      today,
      calendar: deps.calendar,
      afterWorkingDays: deps.settings.reminderAfterWorkingDays,
    })
    return reminders.map((r) => ({ recipient: { kind: 'room', id: r.roomId }, text: r.text, mentionIds: r.mentionIds }))
  },
}

export const blockerJob: JobDefinition = {
  name: 'blockers',
  cron: (s) => s.blockerCron,
  speaksWhenCalendarMissing: false,
  texts: blockerTexts,
}

async function blockerTexts(deps: JobDeps, today: LocalDate): Promise<JobText[]> {
  const rooms = new Map((await listActiveProjects(deps.db)).flatMap((p) => (p.roomId ? [[p.id, p.roomId] as const] : [])))
  const byProject = new Map<number, OpenIssue[]>()
  for (const issue of await listOpenIssues(deps.db, { today, calendar: deps.calendar })) {
    const list = byProject.get(issue.projectId)
    if (list) list.push(issue)
    else byProject.set(issue.projectId, [issue])
  }
  const days = workingDayCounter(deps.calendar, today)
  const texts: JobText[] = []
  for (const [projectId, issues] of byProject) {
    const roomId = rooms.get(projectId)
    if (!roomId) continue
    // Ask WeChat who is in the group only when a team concerned has a liaison to @mention.
    const liaisons = issues.some((i) => deps.settings.teams[i.category].liaisons.length > 0)
    const members = liaisons ? await membersOrNone(deps, roomId) : []
    const summary = buildBlockerSummary({ issues, days, teams: deps.settings.teams, members })
    if (summary) texts.push({ recipient: { kind: 'room', id: roomId }, text: summary.text, mentionIds: summary.mentionIds })
  }
  return texts
}

/** One group WeChat cannot list (the bot was removed, a lost connection) still gets its list,
 *  only without @mentions, and the other groups are not held up by it. */
async function membersOrNone(deps: JobDeps, roomId: string): Promise<Awaited<ReturnType<JobDeps['directory']['roomMembers']>>> {
  try {
    return await deps.directory.roomMembers(roomId)
  } catch (error) {
    deps.log.warn(`blocker: members of ${roomId} unknown (${(error as Error).message}); sent without @mentions`)
    return []
  }
}

export const digestJob: JobDefinition = {
  name: 'digest',
  cron: (s) => s.digestCron,
  speaksWhenCalendarMissing: true,
  async texts(deps, today) {
    const recipients = []
    for (const name of deps.settings.digestRecipients) {
      const found = await deps.directory.findRecipient(name).catch((error: unknown) => {
        deps.log.warn(`digest: looking up "${name}" failed: ${(error as Error).message}`)
        return undefined
      })
      if (found) recipients.push(found)
      else deps.log.warn(`digest: no group or contact named "${name}" (DIGEST_RECIPIENTS); not sent there`)
    }
    if (deps.settings.digestRecipients.length === 0) return []
    // None found at all is more likely WeChat still loading contacts than every name being wrong.
    if (recipients.length === 0) throw new JobNotReadyError('none of DIGEST_RECIPIENTS is known to WeChat yet')
    const blocks = await buildDigestBlocks(deps.db, today, {
      calendar: deps.calendar,
      timeZone: deps.settings.timeZone,
      thresholds: deps.settings.thresholds,
      teamNames: teamNames(deps.settings.teams),
    })
    const parts = packParts(blocks)
    return recipients.flatMap((recipient) => parts.map((text) => ({ recipient, text, mentionIds: [] })))
  },
}

export const JOBS: readonly JobDefinition[] = [reminderJob, blockerJob, digestJob]
