import type { LocalDate } from '../calendar/local-date.ts'

/** The five milestones of a project, in order. */
export const STAGES = ['signed', 'land', 'construction', 'completion', 'production'] as const
export type Stage = (typeof STAGES)[number]

/** The eight special work teams (专班) an issue can belong to; their names and duties are in src/domain/teams.ts. */
export const CATEGORIES = [
  'land',
  'finance',
  'approval',
  'labour',
  'safety',
  'infrastructure',
  'environment',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

/** A progress update: a stage reached, a percentage, and the date of the plan it states. */
export interface ProgressRecord {
  type: 'progress'
  stage: Stage | null
  percent: number | null
  due: LocalDate | null
  /** Why `due` is null although a date was stated: the calendar lacks the year it needs. */
  dueProblem?: string
  /** The part of the message this record was read from, for replies and the ledger. */
  summary: string
  /**
   * Set when the progress is only a department's own plan ("自然资源局预计4月中旬完成组卷报批",
   * "供电局计划下周完成线路迁改"): the department named. Such a plan is not the project's progress
   * but the department's word on a problem it handles; the message core decides where it goes.
   */
  planOf?: string
  /**
   * Set when the progress is a fix told done whose last step is still ahead ("授信已审批通过，预计
   * 下周放款"): news of the issue it is about, never its close.
   */
  onTheWay?: true
}

/** A blocker reported to the special work teams. */
export interface IssueRecord {
  type: 'issue'
  category: Category
  due: LocalDate | null
  dueProblem?: string
  summary: string
}

/** A report that a problem is solved; `category` is null when the text does not say which. */
export interface ResolutionRecord {
  type: 'resolution'
  category: Category | null
  summary: string
}

export type ParsedRecord = ProgressRecord | IssueRecord | ResolutionRecord
