import { addMonths, type LocalDate } from '../calendar/local-date.ts'
import { SEVERE_OVERDUE_WORKING_DAYS, wholeMonths } from '../domain/digest.ts'
import type { ProjectStatus } from '../domain/project-status.ts'
import { countByColour, issueColour, type ColourCounts, type IssueColour } from '../domain/sla.ts'
import { stageLimitMonths, type SlowThresholds } from '../domain/slow-projects.ts'
import type { Teams } from '../domain/teams.ts'
import type { OpenIssue } from '../domain/types.ts'
import { STAGES, type Stage } from '../parse/types.ts'
import type { IssueEventEntry, IssueHistory, PhotoRef, ProgressEntry, SourceMessage } from '../store/index.ts'
import { dueRecomputedText } from '../text/holiday-import.ts'
import { STAGE_NAMES } from '../text/labels.ts'
import { EVENT_DETAILS, EVENT_NAMES, instantText, STATUS_NAMES } from './words.ts'

/** A quoted chat message is cut here: the page shows what was said, not a 20,000-character paste. */
const MESSAGE_EXCERPT_CHARS = 400

export interface StageStep {
  stage: Stage
  name: string
  on: LocalDate | null
  current: boolean
  /** Whole months since the stage reached before it, when both are recorded in that order. */
  monthsFromPrevious: number | null
}

export interface CurrentStage {
  stage: Stage
  since: LocalDate
  monthsIn: number
  /** The stage's limit and the last day within it; null past construction. */
  limitMonths: number | null
  limitOn: LocalDate | null
  slow: boolean
}

export interface MessageView {
  senderName: string
  at: string
  /** Null when the message was recalled in WeChat: the page says so instead of quoting it. */
  text: string | null
  cut: boolean
}

export interface EventView {
  at: string
  name: string
  who: string | null
  detail: string | null
  message: MessageView | null
}

export interface IssueView {
  id: number
  number: number
  teamName: string
  state: string
  /** Open issues only: its 督办单 colour, green when neither near nor late. */
  colour: IssueColour | null
  dueOn: LocalDate | null
  overdueWorkingDays: number
  ageWorkingDays: number | null
  /** Its due date or counts used a provisional year (shown 暂定). */
  provisional: boolean
  summary: string
  reporterName: string | null
  assigneeName: string | null
  retracted: boolean
  events: EventView[]
  /** Photos posted with (or near) its close or its report: the evidence beside the close. */
  photos: PhotoView[]
}

export interface ProjectModel {
  id: number
  name: string
  today: LocalDate
  stages: StageStep[]
  current: CurrentStage | null
  /** Open issues by colour. */
  issueCounts: ColourCounts
  /** Progress updates that state a percentage, oldest first: the percent line. */
  percents: { on: LocalDate; percent: number }[]
  /** Every progress update, newest first. */
  progress: { at: string; percent: number | null; stage: string | null; summary: string; reporterName: string | null }[]
  /** Open issues most urgent first, then the closed ones by number, the latest first, then those taken back. */
  issues: IssueView[]
  /** The latest photos posted in the group, newest first (at most LATEST_PHOTOS). */
  photos: PhotoView[]
}

/** How many of a project's latest photos its page shows at the top. */
export const LATEST_PHOTOS = 6

/** A photo as the page shows it: the file's name (its SHA-256), when and by whom. */
export interface PhotoView {
  sha256: string
  at: string
  by: string | null
}

/** Pure: one project's page as of `today`. */
export function projectModel(input: {
  status: ProjectStatus
  progress: readonly ProgressEntry[]
  histories: readonly IssueHistory[]
  /** The project's open issues as the store ages them, most urgent first. */
  open: readonly OpenIssue[]
  today: LocalDate
  timeZone: string
  thresholds: SlowThresholds
  teams: Teams
  /** The project's live photos, newest first; none where the board is given no data folder. */
  photos?: readonly PhotoRef[]
}): ProjectModel {
  const { status: s, today, timeZone } = input
  const when = (at: Date) => instantText(at, timeZone, today)
  const photos = (input.photos ?? []).map((p) => ({ view: { sha256: p.sha256, at: when(p.takenAt), by: p.senderName }, issueId: p.issueId }))

  let previous: LocalDate | null = null
  const stages = STAGES.map((stage): StageStep => {
    const on = s.stages[stage] ?? null
    const step = {
      stage,
      name: STAGE_NAMES[stage],
      on,
      current: s.stage?.stage === stage,
      monthsFromPrevious: on !== null && previous !== null && previous <= on ? wholeMonths(previous, on) : null,
    }
    if (on !== null) previous = on
    return step
  })

  let current: CurrentStage | null = null
  if (s.stage) {
    const limitMonths = stageLimitMonths(s.stage.stage, input.thresholds)
    current = {
      stage: s.stage.stage,
      since: s.stage.since,
      monthsIn: wholeMonths(s.stage.since, today),
      limitMonths,
      limitOn: limitMonths === null ? null : addMonths(s.stage.since, limitMonths),
      slow: s.slow !== null,
    }
  }

  const aged = new Map(input.open.map((i, rank) => [i.id, { issue: i, rank }]))
  const issues = input.histories.map((h) => ({
    ...issueView(h, aged.get(h.issue.id)?.issue, input.teams, when),
    photos: photos.filter((p) => p.issueId === h.issue.id).map((p) => p.view),
  }))
  const order = (v: IssueView) => (v.retracted ? 2 : v.colour !== null ? 0 : 1)
  issues.sort(
    (a, b) =>
      order(a) - order(b) ||
      (aged.get(a.id)?.rank ?? 0) - (aged.get(b.id)?.rank ?? 0) ||
      b.number - a.number,
  )

  return {
    id: s.project.id,
    name: s.project.name,
    today,
    stages,
    current,
    issueCounts: countByColour(input.open, SEVERE_OVERDUE_WORKING_DAYS),
    percents: input.progress.flatMap(({ progress: p }) => (p.percent === null ? [] : [{ on: p.recordedOn, percent: p.percent }])),
    progress: input.progress
      .map(({ progress: p, reporterName }) => ({
        at: when(p.recordedAt),
        percent: p.percent,
        stage: p.stage ? STAGE_NAMES[p.stage] : null,
        summary: p.summary,
        reporterName,
      }))
      .reverse(),
    issues,
    photos: photos.slice(0, LATEST_PHOTOS).map((p) => p.view),
  }
}

function issueView(h: IssueHistory, open: OpenIssue | undefined, teams: Teams, when: (at: Date) => string): Omit<IssueView, 'photos'> {
  const i = h.issue
  return {
    id: i.id,
    number: i.number,
    teamName: teams[i.category].name,
    state: h.retractedAt ? '已撤回' : STATUS_NAMES[i.status],
    colour: h.retractedAt || !open ? null : issueColour(open, SEVERE_OVERDUE_WORKING_DAYS),
    dueOn: i.dueOn,
    overdueWorkingDays: open?.overdueWorkingDays ?? 0,
    ageWorkingDays: open?.ageWorkingDays ?? null,
    provisional: open?.provisional ?? false,
    summary: i.summary,
    reporterName: h.reporterName,
    assigneeName: h.assigneeName,
    retracted: h.retractedAt !== null,
    events: h.events.map((e) => eventView(e, when)),
  }
}

function eventView(e: IssueEventEntry, when: (at: Date) => string): EventView {
  const { event } = e
  const detail = eventDetail(e)
  return {
    at: when(event.at),
    name: EVENT_NAMES[event.kind],
    who: e.actorName,
    // A note that only repeats the message quoted below it (a short follow-up) is left out.
    detail: detail !== null && e.message && words(detail) === words(e.message.text) ? null : detail,
    message: e.message ? messageView(e.message, when) : null,
  }
}

/** A text's letters and digits only: "能不能给个准信?" and "能不能给个准信？" say the same. */
const words = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '')

function eventDetail({ event, assigneeName }: IssueEventEntry): string | null {
  switch (event.kind) {
    case 'assigned':
      return assigneeName ? EVENT_DETAILS.assigned(assigneeName) : null
    case 'resolution-retracted':
      return EVENT_DETAILS.resolutionRetracted
    case 'opened':
      return event.recurs !== null ? EVENT_DETAILS.recurs(event.recurs) : event.note
    case 'followed-up':
      return event.dueOn !== null ? EVENT_DETAILS.dueMoved(event.note, event.dueOn) : event.note
    case 'due-recomputed':
      return event.note ? dueRecomputedText(event.note) : null
    default:
      return event.note
  }
}

function messageView(m: SourceMessage, when: (at: Date) => string): MessageView {
  const chars = Array.from(m.text)
  const long = chars.length > MESSAGE_EXCERPT_CHARS
  return {
    senderName: m.senderName,
    at: when(m.sentAt),
    text: m.recalledAt ? null : long ? `${chars.slice(0, MESSAGE_EXCERPT_CHARS).join('')}…` : m.text,
    cut: long || m.cut,
  }
}
