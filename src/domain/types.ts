import type { LocalDate } from '../calendar/local-date.ts'
import type { Category, Stage } from '../parse/types.ts'
import type { IssueAge } from './sla.ts'

// The ledger's records as every layer sees them: the store maps its rows to these, the rules and
// the texts read them.

export interface Project {
  id: number
  name: string
  county: string | null
  roomId: string | null
  roomTopic: string | null
  muted: boolean
  createdAt: Date
}

export interface StoredMessage {
  id: number
  wechatId: string
  projectId: number
  senderId: number
  /** As received, cut to its first 20,000 characters when longer (then `cut` is true). */
  text: string
  cut: boolean
  sentAt: Date
  receivedAt: Date
  recalledAt: Date | null
}

export interface Person {
  id: number
  wechatId: string
  name: string
}

/** Where a record came from: a message (parsed), a command (named), or both (a command sent in a group). */
export interface RecordSource {
  projectId: number
  /** The stored message's row id (not the WeChat id), null for a command given in private chat. */
  messageId: number | null
  /** The command that made the record ('report', 'stage', …); null when the parser read the message. */
  command: string | null
  actorId: number | null
  at: Date
}

export interface ProgressUpdate {
  id: number
  projectId: number
  messageId: number | null
  sourceCommand: string | null
  reporterId: number | null
  stage: Stage | null
  percent: number | null
  dueOn: LocalDate | null
  summary: string
  recordedAt: Date
  recordedOn: LocalDate
  /** Set when this update spoke of a stage the project had already reached on this other day: the date was kept. */
  stageKeptOn?: LocalDate
}

export interface Resolution {
  id: number
  projectId: number
  messageId: number | null
  sourceCommand: string | null
  reporterId: number | null
  category: Category | null
  summary: string
  recordedAt: Date
}

export type IssueStatus = 'open' | 'resolved' | 'reopened'

export interface Issue {
  id: number
  projectId: number
  /** Unique within the project: `#3`. */
  number: number
  messageId: number | null
  sourceCommand: string | null
  /** Also the team: one special work team (专班) per category. */
  category: Category
  summary: string
  status: IssueStatus
  reporterId: number | null
  assigneeId: number | null
  openedAt: Date
  openedOn: LocalDate
  dueOn: LocalDate | null
  resolvedAt: Date | null
  resolvedOn: LocalDate | null
  resolutionText: string | null
  resolvedById: number | null
}

/**
 * `followed-up`: a later message about the open issue (a repeat, a nudge, news of it, a new deadline).
 * `reopened`: a person reopened it; `resolution-retracted`: the message that resolved it was taken
 * back (recalled, undone), which reopens it too.
 * `due-recomputed`: its due date, counted over a provisional year, counted again once that year's
 * notice was imported; the note holds the dates before and after ("2027-02-12 2027-02-18").
 */
export type IssueEventKind =
  | 'opened'
  | 'followed-up'
  | 'resolved'
  | 'reopened'
  | 'resolution-retracted'
  | 'assigned'
  | 'retracted'
  | 'due-recomputed'

export interface IssueEvent {
  id: number
  issueId: number
  kind: IssueEventKind
  /** The issue's status after the event. */
  status: IssueStatus
  actorId: number | null
  assigneeId: number | null
  messageId: number | null
  /** What the person said with it: a follow-up's words, a resolution's text, a reopen's reason. */
  note: string | null
  /** The deadline a follow-up set, when it moved the issue's due date. */
  dueOn: LocalDate | null
  /** On `opened`: the number of the resolved issue this one is, come back. */
  recurs: number | null
  at: Date
}

export interface StageEvent {
  id: number
  projectId: number
  stage: Stage
  reachedOn: LocalDate
  messageId: number | null
  sourceCommand: string | null
  actorId: number | null
  recordedAt: Date
}

/** Records taken back by a recall or an undo, and issues a taken-back resolution had closed. */
export interface Retraction {
  progress: ProgressUpdate[]
  issues: Issue[]
  resolutions: Resolution[]
  stages: StageEvent[]
  /** Issues reopened because the resolution that closed them was taken back. */
  reopened: Issue[]
}

/** An open issue as the store reads it, not yet aged on the calendar (sla.ts ageOpenIssues). */
export interface OpenIssueRecord extends Issue {
  projectName: string
  reporter: Person | null
  assignee: Person | null
}

/** An open issue as the lists show it: aged in working days, with its project and people. */
export interface OpenIssue extends OpenIssueRecord, IssueAge {}

/** An open issue as the digest and the counts need it: no joins, a few fields, for 10,000s at once. */
export interface OpenIssueBrief extends OpenIssueFacts, IssueAge {}

/** An open issue's brief as the store reads it, not yet aged on the calendar. */
export interface OpenIssueFacts {
  id: number
  projectId: number
  number: number
  category: Category
  summary: string
  status: IssueStatus
  openedOn: LocalDate
  dueOn: LocalDate | null
  assigneeId: number | null
}

/** An open issue as the digest lists it. */
export type DigestOpenIssue = OpenIssueBrief & { projectName: string }

/** A digest's open issue as the store reads it, not yet aged. */
export type DigestOpenIssueFacts = OpenIssueFacts & { projectName: string }

/**
 * Open issues counted by the store against two due dates the caller computed (sla.ts
 * urgencyCutoffs): SQLite counts a province's issues; the rule that names them is sla.ts's.
 */
export interface DueCounts {
  /** Due before the severe cutoff: 严重超期 (counted in `overdue` too). */
  severe: number
  /** Due before the first date (today): overdue. */
  overdue: number
  /** Due on or after the first date and before the second. */
  dueSoon: number
  total: number
}
