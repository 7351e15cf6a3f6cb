import type { LocalDate } from '../calendar/local-date.ts'
import type { WorkingCalendar } from '../calendar/working-calendar.ts'
import { scoreCategories } from './categories.ts'
import { findDates, type DateMention } from './dates.ts'
import { findPercent } from './percent.ts'
import { shows, type FamilyName } from './phrases.ts'
import { findStages } from './stages.ts'
import type { Stage } from './types.ts'

/** Problem words that, right after a stage word, make the clause about the trouble. */
const TROUBLE: readonly FamilyName[] = ['problem.not-done', 'problem.stuck', 'problem.request', 'problem.short', 'problem.conflict', 'problem.noun']

/** What the rules may ask of a clause; each fact is worked out once, when first asked. */
export interface ClauseFacts {
  text: string
  dates: DateMention[]
  has(family: FamilyName): boolean
  /** Any stage word at all, reached or not: "要求6月底前完成供地". */
  mentionsStage(): boolean
  /** The first stage word that is reached (not negated or hypothetical), and whether trouble follows it. */
  stage(): { stage: Stage; troubleAfter: boolean } | null
  percent(): number | null
  /** The clause names some team's business (a keyword of categories.ts). */
  topic(): boolean
  /** A plan word, or a date ahead. */
  planned(): boolean
  /** A date ahead that is not a "from then on" (国庆后). */
  dated(): boolean
  /** The families asked about so far and found, for `--explain`. */
  found(): FamilyName[]
}

export function clauseFacts(text: string, today: LocalDate, calendar: WorkingCalendar): ClauseFacts {
  const dates = findDates(text, today, calendar)
  const seen = new Map<FamilyName, boolean>()
  const has = (family: FamilyName) => {
    let value = seen.get(family)
    if (value === undefined) seen.set(family, (value = shows(text, family)))
    return value
  }
  const once = <T>(work: () => T) => {
    let done = false
    let value: T
    return () => {
      if (!done) {
        value = work()
        done = true
      }
      return value
    }
  }
  const dated = once(() => dates.some((d) => !d.past && !d.after && d.date !== null))
  const stageWords = once(() => findStages(text))
  return {
    text,
    dates,
    has,
    mentionsStage: () => stageWords().length > 0,
    stage: once(() => {
      for (const { stage, index, end } of stageWords()) {
        if (shows(text.slice(Math.max(0, index - 8), index), 'stage-negated-before')) continue
        if (shows(text.slice(end), 'stage-negated-after')) continue
        // "项目签约快一年了还没供地": trouble after the stage word makes the clause about the trouble.
        const after = text.slice(end)
        return { stage, troubleAfter: TROUBLE.some((family) => shows(after, family)) }
      }
      return null
    }),
    percent: once(() => findPercent(text)),
    topic: once(() => scoreCategories(text).length > 0),
    planned: once(() => has('plan') || dates.some((d) => !d.past)),
    dated,
    found: () => [...seen].filter(([, v]) => v).map(([k]) => k),
  }
}
