import { addMonths, type LocalDate } from '../calendar/local-date.ts'
import { STAGES, type Stage } from '../parse/types.ts'

export type StageDates = Partial<Record<Stage, LocalDate>>

/** Months a project may stay in a stage before it counts as slow (the city's rules: 6 / 6 / 18). */
export interface SlowThresholds {
  signedMonths: number
  landMonths: number
  constructionMonths: number
}

export const DEFAULT_SLOW_THRESHOLDS: SlowThresholds = { signedMonths: 6, landMonths: 6, constructionMonths: 18 }

export interface SlowVerdict {
  stage: Stage
  /** When the project reached its current stage. */
  since: LocalDate
  months: number
  /** The last day it could reach the next stage and not be slow. */
  limit: LocalDate
}

/** The furthest stage reached, with its date; null before signing. */
export function currentStage(dates: StageDates): { stage: Stage; since: LocalDate } | null {
  for (let i = STAGES.length - 1; i >= 0; i--) {
    const stage = STAGES[i] as Stage
    const since = dates[stage]
    if (since) return { stage, since }
  }
  return null
}

/**
 * Slow when more than the threshold's months have passed in the current stage: signed with no
 * land, land with no construction, construction with no completion. On the day exactly N months
 * later the project is not slow yet; the day after, it is.
 */
export function slowProject(dates: StageDates, today: LocalDate, thresholds: SlowThresholds): SlowVerdict | null {
  const current = currentStage(dates)
  if (!current) return null
  const months = stageLimitMonths(current.stage, thresholds)
  if (months === null) return null
  const limit = addMonths(current.since, months)
  return today > limit ? { stage: current.stage, since: current.since, months, limit } : null
}

/** Months a project may spend in a stage before it is slow; null for completion and production. */
export function stageLimitMonths(stage: Stage, t: SlowThresholds): number | null {
  switch (stage) {
    case 'signed':
      return t.signedMonths
    case 'land':
      return t.landMonths
    case 'construction':
      return t.constructionMonths
    default:
      return null
  }
}
